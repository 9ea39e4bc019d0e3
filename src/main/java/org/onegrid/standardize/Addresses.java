package org.onegrid.standardize;

import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.onegrid.schema.Address;

/**
 * Chinese residential addresses into components: community (社区), estate (小区), building
 * (栋/幢/号楼/座), unit (单元), room (室/号), and one normalized form comparable across
 * departments.
 *
 * <p>Departments write the same flat as {@code 江西省新余市渝水区城北街道长青社区阳光花园3栋2单元401室},
 * {@code 阳光花园3-2-401}, {@code 阳光花园小区三栋二单元401} or {@code 长青社区阳光花园3幢2单元401号}; all give
 * estate {@code 阳光花园}, building {@code 3}, unit {@code 2}, room {@code 401} and the normalized form
 * {@code 阳光花园|3|2|401}.
 *
 * <p>Rules, in order:
 * <ol>
 * <li>full-width to half-width, spaces removed, traditional characters to simplified, remarks in
 * parentheses without digits ({@code （出租）}) dropped;</li>
 * <li>Chinese numerals before a building/unit/room word ({@code 三栋}, {@code 第十二幢},
 * {@code 四〇一室}) to Arabic digits;</li>
 * <li>the building/unit/room tail read from the right: labelled, or dashed {@code b-u-r} /
 * {@code b-r}; a floor before the room ({@code 4层401}) is dropped; a door number right after an
 * estate ({@code 阳光花园3号}) is the building, after a road or village group it is not;</li>
 * <li>of what precedes the tail, the community is what ends in 社区/居委会/村委会; leading
 * province/city/district/street names and a road with door number are dropped;</li>
 * <li>the rest is the estate, without a trailing {@code 小区}, when it has a name (at least two
 * characters other than digits and door words).</li>
 * </ol>
 *
 * <p>Normalized form: {@code estate|building|unit|room} (absent parts empty, no leading zeros)
 * when an estate or building is found; otherwise the cleaned text itself. The community is not
 * part of it, because many departments leave it out. Parsing never fails: an address it cannot
 * read is kept whole.
 *
 * <p>An address written in Latin letters without any Chinese character ({@code 8 stanley street,
 * winston hills 4223 nsw}) is not parsed: its normalized form is its words, lower-case, separated
 * by single spaces, and it has no parts unless they are stated ({@link #parse(String, Parts)}).
 */
public final class Addresses {

    private static final String NUMERALS = "零〇一二两三四五六七八九十百";
    private static final String NUMBER_WORDS = "号楼|栋|幢|座|单元|室|号|楼|层|期|区|排|组|门|户|#";
    private static final Pattern CHINESE_NUMBER =
            Pattern.compile("第?([" + NUMERALS + "]+)(?=" + NUMBER_WORDS + ")");
    private static final Pattern ORDINAL = Pattern.compile("第(\\d+)(?=" + NUMBER_WORDS + ")");
    private static final Pattern LABELLED_TAIL = Pattern.compile(
            "(.*?)([0-9]+|[A-Z])(?:号楼|栋|幢|座|#楼|#)(?:([0-9]+)(?:单元|-))?(?:[0-9]+(?:层|楼))?"
            + "(?:([0-9]+)(?:室|号|房)?)?");
    private static final Pattern DASHED_TAIL = Pattern.compile("(.*?)([0-9]+)-([0-9]+)(?:-([0-9]+))?(?:室|号)?");
    private static final Pattern DOOR_TAIL = Pattern.compile("(.*\\D)([0-9]+)号");
    /** A door number after these is a house on a road or in a village group, not a building of an estate. */
    private static final Pattern NOT_BEFORE_BUILDING = Pattern.compile(".*(?:路|街|道|巷|弄|组|排|(?<!新)村|委会|社区)");
    private static final Pattern REMARK = Pattern.compile("\\([^\\d()]*\\)");
    private static final Pattern ENDS_AS_ROAD = Pattern.compile(".*(?:路|街|大道|大街|巷|弄)");
    private static final Pattern LEADING_ZEROS = Pattern.compile("^0+(?=.)");
    /** Words of a door or group number, not of an estate's name. */
    private static final String NUMBER_CHARACTERS = "号组排弄巷门户室层楼栋幢座单元";
    private static final Pattern COMMUNITY = Pattern.compile("社区|居民委员会|居委会|村民委员会|村委会");
    private static final Pattern BEFORE_COMMUNITY =
            Pattern.compile("省|自治区|市|自治州|盟|地区|区|县|旗|街道办事处|街道|镇|乡|路|街|大道|巷|号");
    private static final Pattern ADMIN_UNIT = Pattern.compile(
            "(.{2,10}?)(省|自治区|市|自治州|州|盟|地区|区|县|旗|街道办事处|街道|镇|乡)(.+)");
    private static final Pattern ROAD_AND_DOOR = Pattern.compile("\\D{1,12}?(?:路|街|大道|大街|巷|弄)\\d+号(?:院)?(.*)");
    private static final String ESTATE_SUFFIX = "小区";

    private Addresses() {
    }

    /**
     * Parts of an address that a department keeps in fields of its own (an estate column, a building
     * column...), each null when not stated.
     */
    public record Parts(String community, String estate, String building, String unit, String room) {

        /** No part stated: everything comes from the text. */
        public static final Parts NONE = new Parts(null, null, null, null, null);
    }

    /**
     * Parses a stated address. The grid is left null (see {@link GridLocator}).
     *
     * @return the parsed address, or null when nothing is stated
     */
    public static Address parse(String raw) {
        return parse(raw, Parts.NONE);
    }

    /**
     * Parses a stated address of which some parts are stated on their own: each stated part, cleaned
     * as the parser cleans it (a Latin-script part as words), replaces the part read from the text,
     * and the normalized form follows the parts that result. The grid is left null.
     *
     * @return the address, or null when no text is stated (parts alone make no address)
     */
    public static Address parse(String raw, Parts stated) {
        if (Text.isBlank(raw)) {
            return null;
        }
        Address read = isLatin(raw) ? Address.newBuilder().setRaw(raw).setNormalized(words(raw)).setGrid(null).build()
                : chinese(raw);
        if (stated.equals(Parts.NONE)) {
            return read;
        }
        Address.Builder address = Address.newBuilder(read)
                .setCommunity(part(stated.community(), Addresses::clean, read.getCommunity()))
                .setEstate(part(stated.estate(), Addresses::estateName, read.getEstate()))
                .setBuilding(part(stated.building(), Addresses::numberPart, read.getBuilding()))
                .setUnit(part(stated.unit(), Addresses::numberPart, read.getUnit()))
                .setRoom(part(stated.room(), Addresses::numberPart, read.getRoom()));
        if (!isLatin(raw)) {
            address.setNormalized(normalized(address.getEstate(), address.getBuilding(), address.getUnit(), address.getRoom(),
                    read.getNormalized()));
        }
        return address.build();
    }

    private static Address chinese(String raw) {
        String s = clean(raw);
        String rest = s;
        String building = null;
        String unit = null;
        String room = null;
        Matcher m;
        if ((m = LABELLED_TAIL.matcher(s)).matches()) {
            rest = m.group(1);
            building = number(m.group(2));
            unit = number(m.group(3));
            room = number(m.group(4));
        } else if ((m = DASHED_TAIL.matcher(s)).matches()) {
            rest = m.group(1);
            building = number(m.group(2));
            if (m.group(4) == null) {
                room = number(m.group(3));
            } else {
                unit = number(m.group(3));
                room = number(m.group(4));
            }
        } else if ((m = DOOR_TAIL.matcher(s)).matches() && looksLikeEstate(m.group(1))
                && !NOT_BEFORE_BUILDING.matcher(m.group(1)).matches()) {
            rest = m.group(1);
            building = number(m.group(2));
        }
        String community = null;
        if ((m = COMMUNITY.matcher(rest)).find()) {
            String before = rest.substring(0, m.start());
            int start = 0;
            Matcher admin = BEFORE_COMMUNITY.matcher(before);
            while (admin.find()) {
                start = admin.end();
            }
            if (start < before.length()) {
                community = before.substring(start) + m.group();
            }
            rest = rest.substring(m.end());
        } else {
            rest = withoutAdministrativeUnits(rest);
        }
        rest = withoutRoadAndDoor(rest);
        String estate = looksLikeEstate(rest) ? estateName(rest) : null;
        return Address.newBuilder().setRaw(raw).setCommunity(community).setEstate(estate).setBuilding(building)
                .setUnit(unit).setRoom(room).setNormalized(normalized(estate, building, unit, room, s)).setGrid(null).build();
    }

    /** {@code estate|building|unit|room} when there is an estate or a building; otherwise {@code text}. */
    private static String normalized(String estate, String building, String unit, String room, String text) {
        return estate == null && building == null ? text : String.join("|", nz(estate), nz(building), nz(unit), nz(room));
    }

    /** An estate name as the grid register and the parser both key it: cleaned, without 小区. */
    static String estateName(String name) {
        String s = clean(name);
        if (s.endsWith(ESTATE_SUFFIX) && s.length() > ESTATE_SUFFIX.length()) {
            s = s.substring(0, s.length() - ESTATE_SUFFIX.length());
        }
        return s;
    }

    /**
     * A community name as the grid register and the parser both key it: cleaned, without 社区 or
     * 居委会; a village committee (村委会) keyed as its village (村).
     */
    static String communityName(String name) {
        String s = clean(name);
        String[][] suffixes = {{"居民委员会", ""}, {"居委会", ""}, {"社区", ""}, {"村民委员会", "村"}, {"村委会", "村"}};
        for (String[] suffix : suffixes) {
            if (s.endsWith(suffix[0]) && s.length() > suffix[0].length()) {
                return s.substring(0, s.length() - suffix[0].length()) + suffix[1];
            }
        }
        return s;
    }

    /** Half-width, no spaces, simplified characters, upper-case Latin letters, Arabic numbers. */
    static String clean(String raw) {
        String s = Names.toSimplified(Text.removeSpaces(Text.halfWidth(raw))).toUpperCase(Locale.ROOT);
        s = REMARK.matcher(s).replaceAll("");
        s = s.replace('\u2014', '-').replace('\u2013', '-').replace('\u2012', '-');
        s = CHINESE_NUMBER.matcher(s).replaceAll(r -> arabic(r.group(1)));
        return ORDINAL.matcher(s).replaceAll("$1");
    }

    /**
     * Chinese numerals to Arabic digits: positional when they contain 十 or 百 ({@code 二十三} → 23,
     * {@code 一百零一} → 101), digit by digit otherwise ({@code 四〇一} → 401, {@code 两} → 2).
     */
    static String arabic(String numerals) {
        if (numerals.indexOf('十') < 0 && numerals.indexOf('百') < 0) {
            StringBuilder digits = new StringBuilder(numerals.length());
            numerals.chars().forEach(c -> digits.append(digit((char) c)));
            return digits.toString();
        }
        int total = 0;
        int current = 0;
        for (char c : numerals.toCharArray()) {
            if (c == '十') {
                total += (current == 0 ? 1 : current) * 10;
                current = 0;
            } else if (c == '百') {
                total += (current == 0 ? 1 : current) * 100;
                current = 0;
            } else {
                current = digit(c);
            }
        }
        return Integer.toString(total + current);
    }

    private static int digit(char c) {
        return switch (c) {
            case '零', '〇' -> 0;
            case '一' -> 1;
            case '二', '两' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            default -> throw new IllegalArgumentException("not a Chinese numeral");
        };
    }

    /**
     * An estate's name has at least two characters that are not digits or door words: 阳光花园,
     * not {@code 3组15号}.
     */
    private static boolean looksLikeEstate(String s) {
        return s.codePoints().filter(c -> !Character.isDigit(c) && NUMBER_CHARACTERS.indexOf(c) < 0
                && c != '-' && c != '#').limit(2).count() == 2
                && !ENDS_AS_ROAD.matcher(s).matches();
    }

    /** Drops leading province, city, district and street names (江西省新余市渝水区城北街道). */
    private static String withoutAdministrativeUnits(String s) {
        Matcher m;
        while ((m = ADMIN_UNIT.matcher(s)).matches()) {
            String unit = m.group(1) + m.group(2);
            if (unit.chars().anyMatch(Character::isDigit) || unit.endsWith("小区") || unit.endsWith("园区")
                    || unit.endsWith("社区") || unit.endsWith("景区")) {
                break;
            }
            s = m.group(3);
        }
        return s;
    }

    private static String withoutRoadAndDoor(String s) {
        Matcher m = ROAD_AND_DOOR.matcher(s);
        return m.matches() ? m.group(1) : s;
    }

    /** A stated part, cleaned: Latin-script text as words, other text by {@code chinese}; when not stated, the part read. */
    private static String part(String stated, UnaryOperator<String> chinese, String read) {
        if (Text.isBlank(stated)) {
            return read;
        }
        return isLatin(stated) ? words(stated) : chinese.apply(stated);
    }

    private static String numberPart(String stated) {
        return number(clean(stated));
    }

    /** Latin letters and no Chinese character: an address written as words. */
    static boolean isLatin(String text) {
        return text.codePoints().noneMatch(Text::isHan)
                && text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
    }

    /** Half-width, lower-case words and numbers, separated by single spaces. */
    static String words(String text) {
        return Text.halfWidth(text).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static String number(String digits) {
        if (digits == null) {
            return null;
        }
        String n = LEADING_ZEROS.matcher(digits).replaceFirst("");
        return n;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

package org.onegrid.standardize;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.onegrid.standardize.StandardizeException.Reason;

/**
 * Phone numbers, one or several to a field, onto one written form:
 * <ul>
 * <li>a mobile: 11 digits starting 13–19, e.g. {@code 13800138000};</li>
 * <li>a landline with area code: area code, dash, number, e.g. {@code 0790-6221234},
 * {@code 010-12345678}. Area codes are {@code 010} and {@code 020}–{@code 029} (three
 * characters) or {@code 0} and three digits; the number is 7 or 8 digits, not starting 0 or 1;</li>
 * <li>a landline stated without area code: its 7 or 8 digits alone, no dash (e.g. {@code 6221234}),
 * unless the caller gives a default area code (the city's own), which is then prefixed. The
 * missing leading {@code 0} and dash is what marks such a number as local.</li>
 * </ul>
 * Stripped: {@code +86}, {@code 0086} and (before a mobile) {@code 86} prefixes, dashes, spaces,
 * dots and parentheses, and labels around a number ({@code 手机：}, {@code (本人)}, {@code 父亲}).
 * Several phones may share a field, separated by {@code , ; / 、 ， ；},
 * {@code 或}, or spaces between whole numbers. An extension ({@code 转801}, {@code ext 801}) is
 * dropped, also
 * when written as a second dash ({@code 0790-6221234-801}).
 */
public final class Phones {

    /**
     * The phones of one field.
     *
     * @param phones    the good phones in standard form, in stated order, without duplicates
     * @param malformed how many stated parts were not a phone number
     */
    public record Parsed(List<String> phones, int malformed) {
        public Parsed {
            phones = List.copyOf(phones);
        }

        /** True when every stated part was a phone number (also when nothing was stated). */
        public boolean allGood() {
            return malformed == 0;
        }
    }

    private static final Pattern SEPARATORS = Pattern.compile("[,;/、，；|]|或|\\s+or\\s+");
    private static final Pattern EXTENSION = Pattern.compile("(?:转|分机|ext\\.?|x)\\s*\\d{1,6}$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LABEL_IN_PARENTHESES = Pattern.compile("[(（][^\\d()（）]*[)）]");
    private static final Pattern LEADING_LABEL =
            Pattern.compile("^(?:\\p{IsHan}+|tel|phone|mobile|mob)\\s*[:：.]?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAILING_LABEL = Pattern.compile("\\s*\\p{IsHan}+$");
    private static final Pattern DASHED_EXTENSION = Pattern.compile("(0\\d{2,3}-[2-9]\\d{6,7})-\\d{1,6}");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LOCAL = Pattern.compile("[2-9]\\d{6,7}");
    private static final Pattern AREA_CODE = Pattern.compile("0(?:10|2\\d|[3-9]\\d{2})");
    private static final Pattern AREA_CODE_INPUT = Pattern.compile("\\d{3,4}");
    private static final Pattern PHONE_CHARACTERS = Pattern.compile("\\+?[\\d\\-() .]+");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final Pattern PARENTHESES = Pattern.compile("[()]");
    private static final Pattern NOT_DIGIT = Pattern.compile("\\D");

    private Phones() {
    }

    /**
     * All phones of a stated field; the malformed parts are counted, not returned.
     *
     * @param stated          the field as stated; null or blank gives no phones
     * @param defaultAreaCode the area code to prefix to local numbers (e.g. {@code 0790}), or null
     *                        to keep them as bare digits
     */
    public static Parsed parseAll(String stated, String defaultAreaCode) {
        checkAreaCode(defaultAreaCode);
        if (Text.isBlank(stated)) {
            return new Parsed(List.of(), 0);
        }
        Set<String> phones = new LinkedHashSet<>();
        int malformed = 0;
        for (String part : SEPARATORS.split(Text.halfWidth(stated))) {
            if (Text.isBlank(part)) {
                continue;
            }
            String one = standardizeOrNull(part, defaultAreaCode);
            if (one != null) {
                phones.add(one);
                continue;
            }
            for (String piece : WHITE_SPACE.split(part.strip())) { // spaces between whole numbers
                String p = standardizeOrNull(piece, defaultAreaCode);
                if (p != null) {
                    phones.add(p);
                } else {
                    malformed++;
                }
            }
        }
        return new Parsed(new ArrayList<>(phones), malformed);
    }

    /** All phones of a stated field, local numbers kept as bare digits. */
    public static Parsed parseAll(String stated) {
        return parseAll(stated, null);
    }

    /**
     * One stated phone number in standard form.
     *
     * @param defaultAreaCode the area code to prefix to a local number, or null
     * @throws StandardizeException PHONE_MALFORMED
     */
    public static String standardize(String stated, String defaultAreaCode) {
        checkAreaCode(defaultAreaCode);
        String phone = Text.isBlank(stated) ? null : standardizeOrNull(Text.halfWidth(stated), defaultAreaCode);
        if (phone == null) {
            throw new StandardizeException(Reason.PHONE_MALFORMED,
                    "the phone is neither an 11-digit mobile nor a landline of 7 or 8 digits with or without area code");
        }
        return phone;
    }

    /** True for a local number stated without area code, as {@link #standardize} keeps it. */
    public static boolean isWithoutAreaCode(String standardPhone) {
        return standardPhone != null && LOCAL.matcher(standardPhone).matches();
    }

    private static String standardizeOrNull(String part, String defaultAreaCode) {
        String s = LABEL_IN_PARENTHESES.matcher(part.strip()).replaceAll("");
        s = LEADING_LABEL.matcher(s.strip()).replaceFirst("");
        s = EXTENSION.matcher(s).replaceFirst("").strip();
        s = TRAILING_LABEL.matcher(s).replaceFirst("").strip();
        s = DASHED_EXTENSION.matcher(PARENTHESES.matcher(s).replaceAll("")).replaceFirst("$1");
        if (!PHONE_CHARACTERS.matcher(s).matches()) {
            return null;
        }
        boolean international = s.startsWith("+86") || s.startsWith("0086");
        String digits = NOT_DIGIT.matcher(s).replaceAll("");
        if (international) {
            digits = digits.substring(s.startsWith("+") ? 2 : 4);
        } else if (s.startsWith("+")) {
            return null; // another country
        } else if (digits.length() == 13 && digits.startsWith("86") && MOBILE.matcher(digits.substring(2)).matches()) {
            digits = digits.substring(2);
        }
        if (MOBILE.matcher(digits).matches()) {
            return digits;
        }
        if (international && !digits.startsWith("0")) {
            digits = "0" + digits; // +86 790 6221234: the trunk 0 is dropped abroad
        }
        if (digits.startsWith("0")) {
            int areaLength = digits.startsWith("01") || digits.startsWith("02") ? 3 : 4;
            if (digits.length() <= areaLength) {
                return null;
            }
            String area = digits.substring(0, areaLength);
            String number = digits.substring(areaLength);
            return AREA_CODE.matcher(area).matches() && LOCAL.matcher(number).matches() ? area + "-" + number : null;
        }
        if (LOCAL.matcher(digits).matches() && !international) {
            return defaultAreaCode == null ? digits : normalizedAreaCode(defaultAreaCode) + "-" + digits;
        }
        return null;
    }

    private static void checkAreaCode(String areaCode) {
        if (areaCode != null && !AREA_CODE.matcher(normalizedAreaCode(areaCode)).matches()) {
            throw new IllegalArgumentException("the default area code must be 0 followed by 2 or 3 digits");
        }
    }

    private static String normalizedAreaCode(String areaCode) {
        String a = areaCode.strip();
        return AREA_CODE_INPUT.matcher(a).matches() && !a.startsWith("0") ? "0" + a : a;
    }
}

package org.onegrid.standardize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Person names: one written form, and a toneless pinyin key for homophone-aware matching.
 *
 * <p>A name with Chinese characters is standardized to simplified characters (OpenCC's table),
 * half-width, without spaces, with every look-alike of the minority-name middle dot unified to
 * {@code ·} (U+00B7). A name without Chinese characters (the matcher is also measured on
 * Latin-script data) is lower-cased with single spaces.
 *
 * <p>Never throws on data: any text is some name. Never logs or echoes a name.
 */
public final class Names {

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    /** The middle dot of minority names (阿卜杜拉·艾力). */
    public static final char MIDDLE_DOT = '\u00B7';

    /** Look-alikes of the middle dot, after full-width forms have been folded to half-width. */
    private static final String DOT_LOOKALIKES = "\u00B7\u0387\u2022\u2027\u2219\u22C5\u2E31\u30FB\uFF65\u318D\u25CF.";

    /** Surname readings of polyphonic characters whose most common reading is a different one. */
    private static final Map<Character, String> SURNAME_READINGS = Map.ofEntries(
            Map.entry('单', "shan"), Map.entry('曾', "zeng"), Map.entry('解', "xie"), Map.entry('仇', "qiu"),
            Map.entry('朴', "piao"), Map.entry('区', "ou"), Map.entry('查', "zha"), Map.entry('盖', "ge"),
            Map.entry('乐', "yue"), Map.entry('缪', "miao"), Map.entry('覃', "qin"), Map.entry('繁', "po"),
            Map.entry('员', "yun"), Map.entry('召', "shao"), Map.entry('种', "chong"), Map.entry('秘', "bi"),
            Map.entry('柏', "bai"), Map.entry('都', "du"), Map.entry('瞿', "qu"), Map.entry('句', "gou"),
            Map.entry('重', "chong"), Map.entry('角', "jue"), Map.entry('翟', "zhai"), Map.entry('隗', "wei"),
            Map.entry('尉', "wei"), Map.entry('薄', "bo"), Map.entry('褚', "chu"), Map.entry('祭', "zhai"));

    /** Readings of polyphonic characters as they are usually read in given names (长 is chang in 张长江). */
    private static final Map<Character, String> GIVEN_NAME_READINGS = Map.of(
            '长', "chang", '蔚', "wei", '还', "huan", '柏', "bai");

    /** Compound surnames whose characters read differently than alone. */
    private static final Map<String, String> COMPOUND_SURNAME_READINGS = Map.of(
            "万俟", "mo qi", "尉迟", "yu chi", "单于", "chan yu", "澹台", "tan tai", "长孙", "zhang sun");

    private Names() {
    }

    /**
     * The standardized form of a stated name, or null when nothing is stated (blank, or no
     * letter at all).
     */
    public static String standardize(String stated) {
        if (Text.isBlank(stated)) {
            return null;
        }
        String s = Text.halfWidth(stated);
        if (s.codePoints().noneMatch(Character::isLetter)) {
            return null;
        }
        if (!containsHan(s)) {
            return String.join(" ", WHITE_SPACE.split(s.strip().toLowerCase(Locale.ROOT)));
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (DOT_LOOKALIKES.indexOf(cp) >= 0) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != MIDDLE_DOT) {
                    out.append(MIDDLE_DOT);
                }
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == '\u200B') {
                // stray spaces between Chinese characters (张 三) carry nothing
            } else {
                out.appendCodePoint(Text.isHan(cp) ? Dictionaries.simplified(cp) : cp);
            }
        }
        if (out.length() > 0 && out.charAt(out.length() - 1) == MIDDLE_DOT) {
            out.setLength(out.length() - 1);
        }
        return out.isEmpty() ? null : out.toString();
    }

    /**
     * The toneless pinyin key of a name: its syllables separated by single spaces
     * ({@code 陈晓明} → {@code chen xiao ming}), so that homophones (晓/小, 丽/莉) and
     * traditional forms share one key. Polyphonic characters take their most common reading, the
     * first character (or a known compound surname) its surname reading ({@code 单} → shan), a few
     * others their given-name reading ({@code 长} → chang). ü is
     * written {@code v}. The middle dot is dropped; Latin letters and digits in a Chinese name are
     * kept as lower-case tokens, and a character without a reading is kept as itself. A Latin-script
     * name's key is its standardized form.
     *
     * @param name a stated or standardized name
     * @return the key, or null when nothing is stated
     */
    public static String pinyinKey(String name) {
        String s = standardize(name);
        if (s == null || !containsHan(s)) {
            return s;
        }
        List<String> syllables = new ArrayList<>(s.length());
        int start = 0;
        String compound = s.length() >= 3 ? COMPOUND_SURNAME_READINGS.get(s.substring(0, 2)) : null;
        if (compound != null) {
            syllables.add(compound);
            start = 2;
        } else if (s.length() >= 2 && s.indexOf(MIDDLE_DOT) < 0 && SURNAME_READINGS.containsKey(s.charAt(0))) {
            syllables.add(SURNAME_READINGS.get(s.charAt(0)));
            start = 1;
        }
        StringBuilder latin = new StringBuilder();
        int i = start;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) && !Text.isHan(cp)) {
                latin.appendCodePoint(Character.toLowerCase(cp));
                continue;
            }
            flush(latin, syllables);
            if (Text.isHan(cp)) {
                String reading = cp < 0x10000 && GIVEN_NAME_READINGS.containsKey((char) cp)
                        ? GIVEN_NAME_READINGS.get((char) cp) : Dictionaries.pinyin(cp);
                syllables.add(reading != null ? reading : new String(Character.toChars(cp)));
            }
        }
        flush(latin, syllables);
        return String.join(" ", syllables);
    }

    /** Traditional characters to simplified, code point by code point (OpenCC's character table). */
    static String toSimplified(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(Dictionaries.simplified(cp)));
        return out.toString();
    }

    private static void flush(StringBuilder latin, List<String> syllables) {
        if (!latin.isEmpty()) {
            syllables.add(latin.toString());
            latin.setLength(0);
        }
    }

    private static boolean containsHan(String s) {
        return s.codePoints().anyMatch(Text::isHan);
    }
}

package org.onegrid.standardize;

/** Character-level clean-up shared by the standardizers of this package. */
final class Text {

    private Text() {
    }

    static boolean isBlank(String s) {
        return s == null || s.chars().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B');
    }

    /**
     * Full-width ASCII forms (U+FF01..U+FF5E) to their ASCII counterparts, and the ideographic
     * space U+3000 and no-break space to a plain space.
     */
    static String halfWidth(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                out.append((char) (c - 0xFEE0));
            } else if (c == '\u3000' || c == '\u00A0') {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Removes every whitespace character, including the ideographic space. */
    static String removeSpaces(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && c != '\u3000' && c != '\u00A0' && c != '\u200B') {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }
}

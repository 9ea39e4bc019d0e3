package org.onegrid.resolve.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string measures the matcher and the blocking keys need, on already standardized text.
 * Package-private: it is how matching works inside, not an API, and it must never grow into a
 * general text toolbox (standardization lives in {@code org.onegrid.standardize}).
 */
final class Similarity {

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final double WINKLER_PREFIX_SCALE = 0.1;
    private static final int WINKLER_MAX_PREFIX = 4;
    /** Winkler's prefix bonus is given only to strings already this similar (his original boost threshold). */
    private static final double WINKLER_BOOST_THRESHOLD = 0.7;

    private Similarity() {
    }

    /** Jaro–Winkler similarity, 1 for equal strings, 0 when nothing matches (or either is empty). */
    static double jaroWinkler(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return 0.0;
        }
        double jaro = jaro(a, b);
        if (jaro < WINKLER_BOOST_THRESHOLD) {
            return jaro;
        }
        int prefix = 0;
        int limit = Math.min(WINKLER_MAX_PREFIX, Math.min(a.length(), b.length()));
        while (prefix < limit && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return jaro + prefix * WINKLER_PREFIX_SCALE * (1.0 - jaro);
    }

    private static double jaro(String a, String b) {
        int window = Math.max(0, Math.max(a.length(), b.length()) / 2 - 1);
        boolean[] matchedA = new boolean[a.length()];
        boolean[] matchedB = new boolean[b.length()];
        int matches = 0;
        for (int i = 0; i < a.length(); i++) {
            int from = Math.max(0, i - window);
            int to = Math.min(b.length() - 1, i + window);
            for (int j = from; j <= to; j++) {
                if (!matchedB[j] && a.charAt(i) == b.charAt(j)) {
                    matchedA[i] = true;
                    matchedB[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int halfTranspositions = 0;
        int j = 0;
        for (int i = 0; i < a.length(); i++) {
            if (matchedA[i]) {
                while (!matchedB[j]) {
                    j++;
                }
                if (a.charAt(i) != b.charAt(j)) {
                    halfTranspositions++;
                }
                j++;
            }
        }
        double m = matches;
        return (m / a.length() + m / b.length() + (m - halfTranspositions / 2.0) / m) / 3.0;
    }

    /**
     * True when {@code a} and {@code b} have the same length and differ by exactly one substituted
     * character or one transposition of two adjacent characters: the errors a check digit such as
     * GB 11643's is built to catch, and the commonest typing errors.
     */
    static boolean oneEdit(String a, String b) {
        if (a.length() != b.length() || a.equals(b)) {
            return false;
        }
        int first = -1;
        int second = -1;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                if (first < 0) {
                    first = i;
                } else if (second < 0) {
                    second = i;
                } else {
                    return false;
                }
            }
        }
        if (second < 0) {
            return true;
        }
        return second == first + 1
                && a.charAt(first) == b.charAt(second)
                && a.charAt(second) == b.charAt(first);
    }

    /** Words separated by white space; none for null or blank text. */
    static List<String> tokens(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.asList(WHITE_SPACE.split(text.trim()));
    }

    /** True when the text holds at least one CJK ideograph (a Chinese name or address, not a Latin one). */
    static boolean hasIdeographs(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /**
     * Fuzzy word overlap of two word lists, 0 to 1: each word of one list is paired with its most
     * similar word in the other (Jaro–Winkler for words; for numbers 1 when equal, 0.5 when one
     * digit is mistyped, else 0, since "12" and "21" are different houses) and the best
     * similarities are averaged (Monge–Elkan). Of the two directions the higher counts, so an
     * address with a part left out still covers the fuller one.
     */
    static double tokenOverlap(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0.0;
        }
        return Math.max(directedOverlap(a, b), directedOverlap(b, a));
    }

    private static double directedOverlap(List<String> from, List<String> to) {
        double sum = 0;
        for (String word : from) {
            double best = 0;
            for (String other : to) {
                best = Math.max(best, wordSimilarity(word, other));
            }
            sum += best;
        }
        return sum / from.size();
    }

    private static double wordSimilarity(String a, String b) {
        if (isDigits(a) || isDigits(b)) {
            return a.equals(b) ? 1.0 : oneEdit(a, b) ? 0.5 : 0.0;
        }
        return jaroWinkler(a, b);
    }

    static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The words sorted, so that two orders of the same words compare equal. */
    static List<String> sorted(List<String> words) {
        List<String> copy = new ArrayList<>(words);
        copy.sort(null);
        return copy;
    }

    /**
     * American Soundex code (letter + three digits) of a Latin word, for blocking on surnames
     * whose spelling drifts; empty for a word without Latin letters.
     */
    static String soundex(String word) {
        StringBuilder code = new StringBuilder(4);
        char previous = 0;
        for (int i = 0; i < word.length() && code.length() < 4; i++) {
            char c = Character.toLowerCase(word.charAt(i));
            if (c < 'a' || c > 'z') {
                continue;
            }
            char digit = soundexDigit(c);
            if (code.length() == 0) {
                code.append(Character.toUpperCase(c));
                previous = digit;
                continue;
            }
            if (digit != '0' && digit != previous) {
                code.append(digit);
            }
            // h and w do not separate letters with the same code; vowels do.
            if (c != 'h' && c != 'w') {
                previous = digit;
            }
        }
        if (code.length() == 0) {
            return "";
        }
        while (code.length() < 4) {
            code.append('0');
        }
        return code.toString();
    }

    private static char soundexDigit(char c) {
        return switch (c) {
            case 'b', 'f', 'p', 'v' -> '1';
            case 'c', 'g', 'j', 'k', 'q', 's', 'x', 'z' -> '2';
            case 'd', 't' -> '3';
            case 'l' -> '4';
            case 'm', 'n' -> '5';
            case 'r' -> '6';
            default -> '0';
        };
    }
}

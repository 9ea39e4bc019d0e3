package org.onegrid.embedded.population;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Citizen ID numbers (GB 11643-1999) for generated residents. A deliberate small duplicate of
 * the check-character rule owned by the standardize package: this package must not depend on it.
 */
final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    private IdNumbers() {
    }

    /** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
    static char checkChar(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** True when the number is 18 characters, 17 digits and the right check character. */
    static boolean isValid(String id) {
        if (id == null || id.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return checkChar(id) == id.charAt(17);
    }

    /** The 17-digit body as a number, for uniqueness bookkeeping. */
    static long body(String region, LocalDate birth, int sequence) {
        return Long.parseLong(region) * 100_000_000_000L
                + (birth.getYear() * 10_000L + birth.getMonthValue() * 100L + birth.getDayOfMonth()) * 1000L
                + sequence;
    }

    static String of(long body) {
        StringBuilder sb = new StringBuilder(18);
        String digits = Long.toString(body);
        sb.append(digits);
        sb.append(checkChar(digits));
        return sb.toString();
    }

    /** The 15-digit legacy form (two-digit year, no check character) of a 19xx number. */
    static String legacy15(String id18) {
        return id18.substring(0, 6) + id18.substring(8, 17);
    }

    /** One digit changed, or two different adjacent digits transposed; the result fails the check. */
    static String typo(String id18, SplittableRandom r) {
        char[] c = id18.toCharArray();
        if (r.nextBoolean()) {
            for (int attempt = 0; attempt < 20; attempt++) {
                int i = r.nextInt(16);
                if (c[i] != c[i + 1] && Character.isDigit(c[i + 1])) {
                    char t = c[i];
                    c[i] = c[i + 1];
                    c[i + 1] = t;
                    return new String(c);
                }
            }
        }
        int i = r.nextInt(17);
        c[i] = (char) ('0' + (c[i] - '0' + 1 + r.nextInt(9)) % 10);
        return new String(c);
    }
}

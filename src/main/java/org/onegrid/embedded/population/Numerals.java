package org.onegrid.embedded.population;

/** Chinese numerals for the small numbers that appear in addresses and grid names. */
final class Numerals {

    private static final String DIGITS = "零一二三四五六七八九";

    private Numerals() {
    }

    /** 1 → 一, 10 → 十, 12 → 十二, 30 → 三十, 47 → 四十七; numbers from 100 are written digit by digit. */
    static String chinese(int n) {
        if (n < 0 || n >= 100) {
            StringBuilder sb = new StringBuilder();
            for (char c : Integer.toString(n).toCharArray()) {
                sb.append(c == '-' ? '负' : DIGITS.charAt(c - '0'));
            }
            return sb.toString();
        }
        if (n < 10) {
            return String.valueOf(DIGITS.charAt(n));
        }
        int tens = n / 10;
        int ones = n % 10;
        return (tens == 1 ? "" : String.valueOf(DIGITS.charAt(tens))) + "十" + (ones == 0 ? "" : String.valueOf(DIGITS.charAt(ones)));
    }
}

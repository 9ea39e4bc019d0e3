package org.onegrid.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The masked forms of personal data, as Chinese government systems show them: enough to recognise a person one
 * already knows, not enough to find or impersonate them.
 * <ul>
 * <li>ID number: the first six characters (the region) and the last four, {@code 360502********1234};</li>
 * <li>mobile: the first three digits and the last four, {@code 138****5678}; landline: the area code and the last
 * four, {@code 0790-***1234};</li>
 * <li>name: the first and the last character, {@code 陈*明}, {@code 张*}.</li>
 * </ul>
 */
public final class Masks {

    /** A mobile number, an 18-digit ID number, a 15-digit legacy one: not inside a longer run of digits. */
    private static final Pattern NUMBERS = Pattern.compile("(?<![0-9])(1[3-9][0-9]{9}|[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])");

    private Masks() {}

    public static String idNumber(String id) {
        if (id.length() <= 10) {
            return stars(id.length());
        }
        return id.substring(0, 6) + stars(id.length() - 10) + id.substring(id.length() - 4);
    }

    public static String phone(String phone) {
        if (phone.matches("\\d{11}")) {
            return phone.substring(0, 3) + "****" + phone.substring(7);
        }
        int dash = phone.lastIndexOf('-');
        String area = dash < 0 ? "" : phone.substring(0, dash + 1);
        String number = phone.substring(dash + 1);
        if (number.length() <= 4) {
            return area + stars(number.length());
        }
        return area + stars(number.length() - 4) + number.substring(number.length() - 4);
    }

    public static String name(String name) {
        int[] chars = name.codePoints().toArray();
        if (chars.length <= 1) {
            return "*";
        }
        StringBuilder out = new StringBuilder().appendCodePoint(chars[0]);
        if (chars.length == 2) {
            return out.append('*').toString();
        }
        return out.append(stars(chars.length - 2)).appendCodePoint(chars[chars.length - 1]).toString();
    }

    /** An address as one line, masked: what comes before its first digit (district, road, estate), no numbers. */
    public static String addressText(String address) {
        for (int i = 0; i < address.length(); i++) {
            if (Character.isDigit(address.charAt(i))) {
                return address.substring(0, i) + "…";
            }
        }
        return address.length() <= 6 ? address : address.substring(0, 6) + "…";
    }

    /**
     * Free text (a rejected record's payload) with every run of digits that reads as an ID number or a mobile number
     * masked. Other personal data in free text cannot be told apart; that text is shown only to operators.
     */
    public static String inText(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = NUMBERS.matcher(text);
        while (m.find()) {
            String number = m.group();
            String masked = number.length() == 11 ? phone(number) : number.length() >= 15 ? idNumber(number) : number;
            m.appendReplacement(out, Matcher.quoteReplacement(masked));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String stars(int n) {
        return "*".repeat(Math.max(0, n));
    }
}

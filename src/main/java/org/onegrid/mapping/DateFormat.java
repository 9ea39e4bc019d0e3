package org.onegrid.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * A date format a mapping declares ({@code format:}): a strict {@code java.time} pattern, or the numbers change-data
 * capture writes for dates ({@code epochDays}: days since 1970-01-01; {@code epochMillis}: an instant, read in China
 * Standard Time). Returns null when a value is not in the format, so the automatic parser can try.
 */
@FunctionalInterface
interface DateFormat {

    String EPOCH_DAYS = "epochDays";
    String EPOCH_MILLIS = "epochMillis";

    LocalDate parseOrNull(String value);

    /**
     * The format a mapping names.
     *
     * @throws IllegalArgumentException when the name is neither a special format nor a valid pattern
     */
    static DateFormat of(String name) {
        if (name.equals(EPOCH_DAYS)) {
            return v -> {
                Long n = number(v);
                try {
                    return n == null ? null : LocalDate.ofEpochDay(n);
                } catch (DateTimeException e) {
                    return null;
                }
            };
        }
        if (name.equals(EPOCH_MILLIS)) {
            ZoneId china = ZoneId.of("Asia/Shanghai");
            return v -> {
                Long n = number(v);
                try {
                    return n == null ? null : LocalDate.ofInstant(Instant.ofEpochMilli(n), china);
                } catch (DateTimeException e) {
                    return null;
                }
            };
        }
        // Strict: a 30 February is refused, not moved to the 28th; u is the proleptic year strict mode needs.
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(yearAsU(name), Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
        return v -> {
            try {
                return LocalDate.parse(v.strip(), formatter);
            } catch (DateTimeException e) {
                return null;
            }
        };
    }

    private static Long number(String value) {
        String v = value.strip();
        if (!v.matches("-?\\d{1,15}")) {
            return null;
        }
        return Long.parseLong(v);
    }

    /** Replaces the pattern letter y (year of era) by u (year) outside quoted text. */
    private static String yearAsU(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            out.append(!quoted && c == 'y' ? 'u' : c);
        }
        return out.toString();
    }
}

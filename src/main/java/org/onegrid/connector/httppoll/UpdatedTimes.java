package org.onegrid.connector.httppoll;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The times APIs write in their records' updated field: ISO-8601 with an offset ({@code 2024-05-06T14:23:11+08:00}),
 * UTC ({@code ...Z}), without an offset (read in China Standard Time), or epoch seconds or milliseconds. Compared as
 * instants when both can be read, as text otherwise; moved back (for the overlap) in the API's own format.
 */
final class UpdatedTimes {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private UpdatedTimes() {}

    static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        try {
            if (t.chars().allMatch(Character::isDigit)) {
                long n = Long.parseLong(t);
                return Optional.of(t.length() >= 12 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n));
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d(:?\\d\\d)?$")) {
                return Optional.of(OffsetDateTime.parse(t).toInstant());
            }
            return Optional.of(LocalDateTime.parse(t.replace(' ', 'T')).atZone(CHINA).toInstant());
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Orders two updated values: by instant when both are times, else by text; null first. */
    static int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        Optional<Instant> x = instant(a);
        Optional<Instant> y = instant(b);
        return x.isPresent() && y.isPresent() ? x.get().compareTo(y.get()) : a.compareTo(b);
    }

    /** {@code text} moved back by {@code overlap}, written the way the API wrote it; {@code text} itself when it is no time. */
    static String minus(String text, Duration overlap) {
        if (overlap.isZero() || instant(text).isEmpty()) {
            return text;
        }
        String t = text.strip();
        if (t.chars().allMatch(Character::isDigit)) {
            return t.length() >= 12 ? String.valueOf(Long.parseLong(t) - overlap.toMillis())
                    : String.valueOf(Long.parseLong(t) - Math.max(1, overlap.toSeconds()));
        }
        if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d(:?\\d\\d)?$")) {
            OffsetDateTime time = OffsetDateTime.parse(t).minus(overlap);
            return t.endsWith("Z") ? DateTimeFormatter.ISO_INSTANT.format(time.toInstant()) : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        }
        String shifted = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.parse(t.replace(' ', 'T')).minus(overlap));
        return t.contains(" ") ? shifted.replace('T', ' ') : shifted;
    }
}

package org.onegrid.standardize;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.onegrid.standardize.StandardizeException.Reason;

/**
 * Dates as departments write them: {@code 19850302}, {@code 1985-03-02}, {@code 1985/3/2},
 * {@code 1985.3.2}, {@code 1985年3月2日}, ISO date-times, and Excel serial numbers (1900 date
 * system). Two-digit years only where the caller asks for them. A four-digit number from 1890 to
 * 2100 is read as a year alone (unparseable), not as an Excel serial number.
 *
 * <p>A time part is ignored, except that a date-time with an explicit offset ({@code Z},
 * {@code +00:00}) is first moved to China Standard Time (UTC+8): a birth date exported as
 * midnight Beijing time in UTC reads as the previous day otherwise.
 *
 * <p>Never reads the clock: the birth-date checks take "today" from the caller.
 */
public final class Dates {

    /** Birth dates before 1 January of this year are refused as implausible. */
    public static final int EARLIEST_BIRTH_YEAR = 1890;

    private static final int NO_TWO_DIGIT_YEARS = -1;
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final String TIME =
            "(?:(?:T|\\s+)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?)?";
    private static final Pattern SEPARATED =
            Pattern.compile("(\\d{4}|\\d{2})\\s*([-/.])\\s*(\\d{1,2})\\s*\\2\\s*(\\d{1,2})" + TIME);
    private static final Pattern CHINESE =
            Pattern.compile("(\\d{4}|\\d{2})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]?" + TIME);
    private static final Pattern COMPACT = Pattern.compile("(\\d{8}|\\d{6})");
    private static final Pattern EXCEL_SERIAL = Pattern.compile("(\\d{1,5})(?:\\.\\d+)?");
    /** Serial 60 is 1900-02-29, a day Excel invented (after Lotus 1-2-3); after it, serials are one day ahead. */
    private static final int EXCEL_PHANTOM_LEAP_DAY = 60;
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 31);

    private Dates() {
    }

    /**
     * Parses a stated date; four-digit years only.
     *
     * @return the date, or null when nothing is stated (blank)
     * @throws StandardizeException DATE_UNPARSEABLE, DATE_IMPOSSIBLE
     */
    public static LocalDate parse(String stated) {
        return parseWithBase(stated, NO_TWO_DIGIT_YEARS);
    }

    /**
     * Parses a stated date, also accepting two-digit years ({@code 85-3-2}, {@code 850302}),
     * which are placed in the hundred years starting at {@code twoDigitYearBase}: with base 1930,
     * {@code 29} is 2029 and {@code 30} is 1930.
     *
     * @return the date, or null when nothing is stated (blank)
     * @throws StandardizeException DATE_UNPARSEABLE, DATE_IMPOSSIBLE
     * @throws IllegalArgumentException when the base year is negative
     */
    public static LocalDate parse(String stated, int twoDigitYearBase) {
        if (twoDigitYearBase < 0) {
            throw new IllegalArgumentException("the base year of two-digit years must not be negative");
        }
        return parseWithBase(stated, twoDigitYearBase);
    }

    private static LocalDate parseWithBase(String stated, int twoDigitYearBase) {
        if (Text.isBlank(stated)) {
            return null;
        }
        String s = Text.halfWidth(stated).strip();
        Matcher m;
        if ((m = SEPARATED.matcher(s)).matches()) {
            return withTime(date(m.group(1), m.group(3), m.group(4), twoDigitYearBase), m, 5);
        }
        if ((m = CHINESE.matcher(s)).matches()) {
            return withTime(date(m.group(1), m.group(2), m.group(3), twoDigitYearBase), m, 4);
        }
        if ((m = COMPACT.matcher(s)).matches()) {
            String d = m.group(1);
            int y = d.length() - 4;
            return date(d.substring(0, y), d.substring(y, y + 2), d.substring(y + 2), twoDigitYearBase);
        }
        if ((m = EXCEL_SERIAL.matcher(s)).matches()) {
            int serial = Integer.parseInt(m.group(1));
            if (m.group(1).length() == 4 && serial >= EARLIEST_BIRTH_YEAR && serial <= 2100) {
                throw unparseable("the date is a year alone, not a day");
            }
            return excelSerial(serial);
        }
        throw unparseable("the date is not a date in any known format");
    }

    /**
     * Parses a stated birth date (four-digit years only) and checks it is plausible.
     *
     * @return the date, or null when nothing is stated
     * @throws StandardizeException DATE_UNPARSEABLE, DATE_IMPOSSIBLE, DATE_OUT_OF_RANGE
     */
    public static LocalDate parseBirthDate(String stated, LocalDate today) {
        LocalDate date = parse(stated);
        return date == null ? null : checkBirthDate(date, today);
    }

    /**
     * Parses a stated birth date, accepting two-digit years when {@code twoDigitYears} is true:
     * a two-digit year is the latest year ending in those digits that is not after today's year.
     *
     * @throws StandardizeException DATE_UNPARSEABLE, DATE_IMPOSSIBLE, DATE_OUT_OF_RANGE
     */
    public static LocalDate parseBirthDate(String stated, LocalDate today, boolean twoDigitYears) {
        LocalDate date = parseWithBase(stated, twoDigitYears ? today.getYear() - 99 : NO_TWO_DIGIT_YEARS);
        return date == null ? null : checkBirthDate(date, today);
    }

    /**
     * Returns the date when it is a plausible birth date: not after today, not before
     * {@value #EARLIEST_BIRTH_YEAR}.
     *
     * @throws StandardizeException DATE_OUT_OF_RANGE
     */
    public static LocalDate checkBirthDate(LocalDate date, LocalDate today) {
        if (date.isAfter(today)) {
            throw new StandardizeException(Reason.DATE_OUT_OF_RANGE, "the birth date is in the future");
        }
        if (date.getYear() < EARLIEST_BIRTH_YEAR) {
            throw new StandardizeException(Reason.DATE_OUT_OF_RANGE,
                    "the birth date is before " + EARLIEST_BIRTH_YEAR);
        }
        return date;
    }

    /** The date of an Excel serial number in the 1900 date system (serial 1 = 1900-01-01). */
    static LocalDate excelSerial(int serial) {
        if (serial < 1 || serial == EXCEL_PHANTOM_LEAP_DAY) {
            throw new StandardizeException(Reason.DATE_IMPOSSIBLE,
                    "the Excel serial number names no real day (0, or 1900-02-29 which did not exist)");
        }
        return EXCEL_EPOCH.plusDays(serial < EXCEL_PHANTOM_LEAP_DAY ? serial : serial - 1);
    }

    private static LocalDate date(String year, String month, String day, int twoDigitYearBase) {
        int y = Integer.parseInt(year);
        if (year.length() == 2) {
            if (twoDigitYearBase == NO_TWO_DIGIT_YEARS) {
                throw unparseable("the date has a two-digit year, which is not accepted here");
            }
            y = twoDigitYearBase + Math.floorMod(y - twoDigitYearBase, 100);
        }
        try {
            return LocalDate.of(y, Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            throw new StandardizeException(Reason.DATE_IMPOSSIBLE,
                    "the date has a month or day that does not exist");
        }
    }

    /** Applies an explicit offset, if any, by moving the date-time to China Standard Time. */
    private static LocalDate withTime(LocalDate date, Matcher m, int firstTimeGroup) {
        String hour = m.group(firstTimeGroup);
        if (hour == null) {
            return date;
        }
        LocalTime time;
        try {
            String seconds = m.group(firstTimeGroup + 2);
            String fraction = m.group(firstTimeGroup + 3);
            time = LocalTime.of(Integer.parseInt(hour), Integer.parseInt(m.group(firstTimeGroup + 1)),
                    seconds == null ? 0 : Integer.parseInt(seconds),
                    fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9)));
        } catch (DateTimeException e) {
            throw new StandardizeException(Reason.DATE_IMPOSSIBLE, "the date's time of day does not exist");
        }
        String offset = m.group(firstTimeGroup + 4);
        if (offset == null) {
            return date;
        }
        ZoneOffset zone = offset.equals("Z") ? ZoneOffset.UTC
                : ZoneOffset.of(offset.length() == 5 ? offset.substring(0, 3) + ":" + offset.substring(3) : offset);
        return OffsetDateTime.of(date, time, zone).withOffsetSameInstant(CHINA).toLocalDate();
    }

    private static StandardizeException unparseable(String message) {
        return new StandardizeException(Reason.DATE_UNPARSEABLE, message);
    }
}

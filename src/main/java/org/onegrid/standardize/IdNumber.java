package org.onegrid.standardize;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.onegrid.schema.Gender;
import org.onegrid.schema.IdStatus;

/**
 * A stated citizen ID number (公民身份号码, GB 11643-1999) and what it turned out to be.
 *
 * <p>Layout: 6-digit region code (GB/T 2260) + birth date yyyyMMdd + 3-digit sequence (odd =
 * male) + check character (ISO 7064 MOD 11-2). A 15-digit legacy number (yyMMdd, no check
 * character) is lifted to 18 by inserting "19" and computing the check.
 *
 * <p>Only a {@link IdStatus#VALID} or {@link IdStatus#LIFTED} number is an identity; the
 * derived birth date, gender and region are set only then. A number with a wrong check
 * character is kept as evidence ({@link #stated()}) and never used as identity.
 *
 * @param stated     the number as stated, cleaned: half-width, no spaces, upper-case X; null when missing
 * @param number     the normalized 18-character number; null unless VALID or LIFTED
 * @param status     what the stated number turned out to be
 * @param birthDate  birth date encoded in the number; null unless VALID or LIFTED
 * @param gender     gender encoded in the sequence; UNKNOWN unless VALID or LIFTED
 * @param regionCode the 6-digit region code; null unless VALID or LIFTED
 */
public record IdNumber(String stated, String number, IdStatus status, LocalDate birthDate, Gender gender,
        String regionCode) {

    /** Quality flag raised when the stated birth date disagrees with the one in the ID number. */
    public static final String BIRTH_DATE_DISAGREES_WITH_ID = "BIRTH_DATE_DISAGREES_WITH_ID";
    /** Quality flag raised when the stated gender disagrees with the one in the ID number. */
    public static final String GENDER_DISAGREES_WITH_ID = "GENDER_DISAGREES_WITH_ID";

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    /** First two digits of GB/T 2260 region codes: provinces, plus 71 Taiwan, 81 Hong Kong, 82 Macao, 83 residence permits. */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82", "83");

    /**
     * Parses a stated ID number. Never throws: what is wrong is in {@link #status()}. Accepts
     * surrounding and inner spaces, full-width digits and X, lower-case x.
     */
    public static IdNumber parse(String stated) {
        if (Text.isBlank(stated)) {
            return new IdNumber(null, null, IdStatus.MISSING, null, Gender.UNKNOWN, null);
        }
        String s = Text.removeSpaces(Text.halfWidth(stated)).toUpperCase(java.util.Locale.ROOT);
        if (s.length() == 18 && allDigits(s, 0, 17) && (isDigit(s.charAt(17)) || s.charAt(17) == 'X')) {
            LocalDate birth = date(s.substring(6, 14));
            if (birth == null || !PROVINCES.contains(s.substring(0, 2))) {
                return malformed(s);
            }
            if (checkCharacter(s.substring(0, 17)) != s.charAt(17)) {
                return new IdNumber(s, null, IdStatus.BAD_CHECKSUM, null, Gender.UNKNOWN, null);
            }
            return identity(s, s, IdStatus.VALID, birth);
        }
        if (s.length() == 15 && allDigits(s, 0, 15)) {
            LocalDate birth = date("19" + s.substring(6, 12));
            if (birth == null || !PROVINCES.contains(s.substring(0, 2))) {
                return malformed(s);
            }
            String first17 = s.substring(0, 6) + "19" + s.substring(6);
            return identity(s, first17 + checkCharacter(first17), IdStatus.LIFTED, birth);
        }
        return malformed(s);
    }

    /**
     * The ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number.
     *
     * @throws IllegalArgumentException when the argument is not exactly 17 ASCII digits
     */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != 17 || !allDigits(first17, 0, 17)) {
            throw new IllegalArgumentException("the first 17 characters of an ID number must be 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    /**
     * Composes a valid 18-character ID number (for generated populations and tests).
     *
     * @param regionCode 6 digits (GB/T 2260)
     * @param birthDate  a date in years 1800 to 9999
     * @param sequence   0 to 999; odd for a man, even for a woman
     * @throws IllegalArgumentException when a part does not fit
     */
    public static String compose(String regionCode, LocalDate birthDate, int sequence) {
        if (regionCode == null || regionCode.length() != 6 || !allDigits(regionCode, 0, 6)) {
            throw new IllegalArgumentException("the region code must be 6 digits");
        }
        if (birthDate == null || birthDate.getYear() < 1800 || birthDate.getYear() > 9999) {
            throw new IllegalArgumentException("the birth date must be in the years 1800 to 9999");
        }
        if (sequence < 0 || sequence > 999) {
            throw new IllegalArgumentException("the sequence must be 0 to 999");
        }
        String first17 = regionCode + String.format(java.util.Locale.ROOT, "%04d%02d%02d%03d",
                birthDate.getYear(), birthDate.getMonthValue(), birthDate.getDayOfMonth(), sequence);
        return first17 + checkCharacter(first17);
    }

    /** True when the number is VALID or LIFTED: near-certain identity. */
    public boolean isIdentity() {
        return status == IdStatus.VALID || status == IdStatus.LIFTED;
    }

    /**
     * True when the number is an identity and the stated birth date is a different day. False
     * when either is unknown: absence is not disagreement.
     */
    public boolean disagreesOnBirthDate(LocalDate statedBirthDate) {
        return isIdentity() && statedBirthDate != null && !statedBirthDate.equals(birthDate);
    }

    /**
     * True when the number is an identity and the stated gender is the other one. UNKNOWN and
     * UNSPECIFIED never disagree.
     */
    public boolean disagreesOnGender(Gender statedGender) {
        return isIdentity() && (statedGender == Gender.MALE || statedGender == Gender.FEMALE)
                && statedGender != gender;
    }

    /** The quality flags the mapping step raises for this number and the stated birth date and gender. */
    public List<String> disagreementFlags(LocalDate statedBirthDate, Gender statedGender) {
        List<String> flags = new ArrayList<>(2);
        if (disagreesOnBirthDate(statedBirthDate)) {
            flags.add(BIRTH_DATE_DISAGREES_WITH_ID);
        }
        if (disagreesOnGender(statedGender)) {
            flags.add(GENDER_DISAGREES_WITH_ID);
        }
        return flags;
    }

    /**
     * The normalized number when it is an identity.
     *
     * @throws StandardizeException ID_MISSING when none is stated, ID_MALFORMED when malformed, ID_CHECKSUM when the
     *                              check character is wrong
     */
    public String requireIdentity() {
        return switch (status) {
            case VALID, LIFTED -> number;
            case BAD_CHECKSUM -> throw new StandardizeException(StandardizeException.Reason.ID_CHECKSUM,
                    "the ID number's check character is wrong");
            case MISSING -> throw new StandardizeException(StandardizeException.Reason.ID_MISSING,
                    "no ID number is stated");
            case MALFORMED -> throw new StandardizeException(StandardizeException.Reason.ID_MALFORMED,
                    "the ID number is not 18 (or legacy 15) characters with a region code and a real birth date");
        };
    }

    private static IdNumber identity(String stated, String number, IdStatus status, LocalDate birth) {
        Gender gender = (number.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
        return new IdNumber(stated, number, status, birth, gender, number.substring(0, 6));
    }

    private static IdNumber malformed(String stated) {
        return new IdNumber(stated, null, IdStatus.MALFORMED, null, Gender.UNKNOWN, null);
    }

    private static LocalDate date(String yyyyMMdd) {
        int year = Integer.parseInt(yyyyMMdd.substring(0, 4));
        if (year < 1800) {
            return null;
        }
        try {
            return LocalDate.of(year, Integer.parseInt(yyyyMMdd.substring(4, 6)),
                    Integer.parseInt(yyyyMMdd.substring(6, 8)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

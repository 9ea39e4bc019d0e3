package org.onegrid.resolve.match;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.onegrid.schema.Gender;
import org.onegrid.schema.SourcePerson;

/**
 * What matching, blocking and sharding read off a standardized record, read the same way by
 * all three (a record must land in the shard and the blocks its comparisons assume). Derives,
 * never standardizes: an ID number here is already validated upstream.
 */
final class PersonFacts {

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private PersonFacts() {
    }

    /** The birth date encoded in a valid (or lifted) ID number, else the stated one, else null. */
    static LocalDate birthDate(SourcePerson person) {
        LocalDate fromId = birthDateFromId(person.getIdNumber());
        return fromId != null ? fromId : person.getBirthDate();
    }

    /** Positions 7 to 14 of an 18-character GB 11643 number (yyyyMMdd); null when absent or not a date. */
    static LocalDate birthDateFromId(String idNumber) {
        if (idNumber == null || idNumber.length() != 18) {
            return null;
        }
        String digits = idNumber.substring(6, 14);
        if (!Similarity.isDigits(digits)) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(digits.substring(0, 4)), Integer.parseInt(digits.substring(4, 6)),
                    Integer.parseInt(digits.substring(6, 8)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The stated gender when known, else the one the ID number encodes (odd 17th digit: male), else UNKNOWN. */
    static Gender gender(SourcePerson person) {
        Gender stated = person.getGender();
        if (stated == Gender.MALE || stated == Gender.FEMALE) {
            return stated;
        }
        String id = person.getIdNumber();
        if (id != null && id.length() == 18 && Character.isDigit(id.charAt(16))) {
            return (id.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
        }
        return Gender.UNKNOWN;
    }

    /**
     * The name as comparable words: the pinyin key for a Chinese name; for a Latin name (whose
     * pinyin key is the name in lower case) the lower-cased name when no key was given.
     */
    static String nameKey(SourcePerson person) {
        String key = person.getNamePinyin();
        if (key == null || key.isBlank()) {
            String name = person.getName();
            if (name == null || name.isBlank() || Similarity.hasIdeographs(name)) {
                return null;
            }
            key = name;
        }
        return String.join(" ", Similarity.tokens(key.toLowerCase(Locale.ROOT)));
    }

    /** True when the name is written in Latin letters (no Chinese characters). */
    static boolean latinName(SourcePerson person) {
        String name = person.getName();
        return name != null ? !Similarity.hasIdeographs(name) : person.getNamePinyin() != null;
    }

    /**
     * The surname as a pinyin or Latin word: the first syllable of a Chinese name (a two-character
     * surname such as 欧阳 still starts with the same syllable everywhere), the last word of a Latin
     * one. Null when there is no name.
     */
    static String surnameKey(SourcePerson person) {
        return surnameKey(nameKey(person), latinName(person));
    }

    /** As {@link #surnameKey(SourcePerson)}, from the person's {@link #nameKey} and {@link #latinName}. */
    static String surnameKey(String nameKey, boolean latin) {
        List<String> words = Similarity.tokens(nameKey);
        if (words.isEmpty()) {
            return null;
        }
        return latin ? words.get(words.size() - 1) : words.get(0);
    }

    /** The ID number as given: the valid one if any, else the stated one; null when neither. */
    static String statedId(SourcePerson person) {
        if (person.getIdNumber() != null) {
            return person.getIdNumber();
        }
        String stated = person.getIdNumberStated();
        return stated == null || stated.isBlank() ? null : stated.trim().toUpperCase(Locale.ROOT);
    }

    /** The value of the first attribute with this name (case-insensitive), spaces removed; null when absent or blank. */
    static String attribute(SourcePerson person, String name) {
        for (var attribute : person.getAttributes()) {
            if (attribute.getName().equalsIgnoreCase(name)) {
                String value = WHITE_SPACE.matcher(attribute.getValue()).replaceAll("");
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}

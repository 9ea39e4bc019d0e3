package org.onegrid.standardize;

import java.util.Locale;
import java.util.Map;

import org.onegrid.schema.Gender;
import org.onegrid.standardize.StandardizeException.Reason;

/**
 * Gender codes of the departments' code tables onto GB/T 2261.1: {@code 0} not known,
 * {@code 1} male, {@code 2} female, {@code 9} not stated; also {@code 男/女}, {@code 男性/女性},
 * {@code M/F}, {@code male/female} in any case, {@code 未知}, {@code 未说明}.
 */
public final class Genders {

    private static final Map<String, Gender> CODES = Map.ofEntries(
            Map.entry("0", Gender.UNKNOWN), Map.entry("未知", Gender.UNKNOWN),
            Map.entry("未知的性别", Gender.UNKNOWN), Map.entry("unknown", Gender.UNKNOWN),
            Map.entry("1", Gender.MALE), Map.entry("男", Gender.MALE), Map.entry("男性", Gender.MALE),
            Map.entry("m", Gender.MALE), Map.entry("male", Gender.MALE),
            Map.entry("2", Gender.FEMALE), Map.entry("女", Gender.FEMALE), Map.entry("女性", Gender.FEMALE),
            Map.entry("f", Gender.FEMALE), Map.entry("female", Gender.FEMALE),
            Map.entry("9", Gender.UNSPECIFIED), Map.entry("未说明", Gender.UNSPECIFIED),
            Map.entry("未说明的性别", Gender.UNSPECIFIED));

    private Genders() {
    }

    /**
     * The gender a stated code means. Blank means nothing is known: {@link Gender#UNKNOWN}.
     *
     * @throws StandardizeException GENDER_UNKNOWN_CODE
     */
    public static Gender parse(String stated) {
        if (Text.isBlank(stated)) {
            return Gender.UNKNOWN;
        }
        String key = Text.removeSpaces(Text.halfWidth(stated)).toLowerCase(Locale.ROOT);
        if (key.length() == 2 && key.charAt(0) == '0' && Character.isDigit(key.charAt(1))) {
            key = key.substring(1); // zero-padded codes: 01, 02
        }
        Gender gender = CODES.get(key);
        if (gender == null) {
            throw new StandardizeException(Reason.GENDER_UNKNOWN_CODE,
                    "the gender is not a code of GB/T 2261.1 or any known code table");
        }
        return gender;
    }
}

package org.onegrid.mapping;

import org.onegrid.standardize.IdNumber;

/**
 * Quality flags the mapping raises on a {@link org.onegrid.schema.SourcePerson}: the record is taken, but something
 * in it is doubtful or was dropped. The names are stable (consumers switch on them) and listed in docs/mapping.md.
 *
 * <p>Rule: a stated field that cannot be standardized is dropped (left null or empty) and flagged; the record is
 * rejected for it only when the mapping lists the field under {@code require}.
 */
public enum Flag {
    /** The stated birth date is another day than the one in the valid ID number. */
    BIRTH_DATE_DISAGREES_WITH_ID(IdNumber.BIRTH_DATE_DISAGREES_WITH_ID),
    /** The stated gender is the other one than the ID number's. */
    GENDER_DISAGREES_WITH_ID(IdNumber.GENDER_DISAGREES_WITH_ID),
    /** A birth date was stated in no known format; dropped. */
    BIRTH_DATE_UNPARSEABLE("BIRTH_DATE_UNPARSEABLE"),
    /** A birth date was stated that names no real day (30 February); dropped. */
    BIRTH_DATE_IMPOSSIBLE("BIRTH_DATE_IMPOSSIBLE"),
    /** A birth date in the future or before 1890; dropped. */
    BIRTH_DATE_OUT_OF_RANGE("BIRTH_DATE_OUT_OF_RANGE"),
    /** A gender code of no known code table; gender left UNKNOWN. */
    GENDER_UNKNOWN_CODE("GENDER_UNKNOWN_CODE"),
    /** An ethnicity that is no GB 3304 code or name; dropped. */
    ETHNICITY_UNKNOWN("ETHNICITY_UNKNOWN"),
    /** A stated name with no letter in it (digits, punctuation); dropped. */
    NAME_UNREADABLE("NAME_UNREADABLE"),
    /** Part of a phone field was no phone number; the good ones are kept. */
    PHONE_MALFORMED("PHONE_MALFORMED"),
    /** The grid register does not place the address (unknown estate and community). */
    ADDRESS_NOT_IN_GRID("ADDRESS_NOT_IN_GRID"),
    /** The address is placed in a community but not in one grid (building unknown, or estate split without one). */
    ADDRESS_GRID_COMMUNITY_ONLY("ADDRESS_GRID_COMMUNITY_ONLY"),
    /** An attribute's value is not of its declared type; the attribute is dropped. */
    ATTRIBUTE_INVALID("ATTRIBUTE_INVALID"),
    /**
     * Not a person: the latest raw record of this key was rejected, so what the source said before is withdrawn
     * ({@code deleted = true}). The rejected record is on {@code onegrid.rejected}.
     */
    WITHDRAWN_BY_REJECTION("WITHDRAWN_BY_REJECTION");

    private final String code;

    Flag(String code) {
        this.code = code;
    }

    /** The flag as written into {@code SourcePerson.flags}. */
    public String code() {
        return code;
    }
}

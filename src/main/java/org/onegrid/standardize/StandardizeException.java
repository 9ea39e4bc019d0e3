package org.onegrid.standardize;

import java.util.Objects;

/**
 * A stated value could not be standardized. Carries a stable {@link Reason} code that the
 * mapping step puts on the rejected record.
 *
 * <p>The message must never contain the value itself (an ID number, a phone, a name, a birth
 * date): it describes what is wrong, not what was stated, because it ends up in logs.
 */
public final class StandardizeException extends RuntimeException {

    /** Why a value was refused. The names are stable: they are written to the rejected topic. */
    public enum Reason {
        /** No ID number is stated where one is required. */
        ID_MISSING,
        /** Not an ID number at all: wrong length, characters, or an impossible birth date in it. */
        ID_MALFORMED,
        /** An 18-character ID number whose check character is wrong. */
        ID_CHECKSUM,
        /** Not a date in any known format. */
        DATE_UNPARSEABLE,
        /** Looks like a date but no such day exists (month 13, 30 February). */
        DATE_IMPOSSIBLE,
        /** A real day, but not a plausible birth date (in the future, or before 1890). */
        DATE_OUT_OF_RANGE,
        /** Not a gender code of any known code table. */
        GENDER_UNKNOWN_CODE,
        /** Not a GB 3304 ethnicity code or name. */
        ETHNICITY_UNKNOWN,
        /** Not a mobile or landline number. */
        PHONE_MALFORMED
    }

    private final Reason reason;

    public StandardizeException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** The stable reason code, e.g. {@code DATE_UNPARSEABLE}. */
    public String reasonCode() {
        return reason.name();
    }
}

package org.onegrid.mapping;

import java.util.Objects;
import org.onegrid.schema.SourcePerson;

/** What one raw record became: a standardized person, or a rejection with a stable reason code. */
public sealed interface MappingResult {

    /** The record mapped onto the shared schema (a delete too: {@code deleted = true}, keys only). */
    record Mapped(SourcePerson person) implements MappingResult {
        public Mapped {
            Objects.requireNonNull(person, "person");
        }
    }

    /**
     * The record could not be taken.
     *
     * @param reason  stable reason code: a {@link RejectReason} or a standardizer's code for a required field
     * @param message what was wrong, for a person; never the personal data itself
     */
    record Rejected(String reason, String message) implements MappingResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        Rejected(RejectReason reason, String message) {
            this(reason.name(), message);
        }
    }
}

package org.onegrid.mapping;

/**
 * Why the mapping stage rejected a record. The names are stable: they are written to {@code onegrid.rejected} and
 * listed in docs/topics.md. A required field that cannot be standardized is rejected with the standardizer's own
 * code instead ({@code ID_CHECKSUM}, {@code DATE_IMPOSSIBLE}...; see {@link org.onegrid.standardize.StandardizeException.Reason}).
 */
public enum RejectReason {
    /** The value on the raw topic is not a RawRecord of any known schema version. */
    RAW_UNDECODABLE,
    /** The raw record's content type is not one the mapping reads (only application/json is). */
    CONTENT_TYPE_UNSUPPORTED,
    /** The payload is not a JSON object of source column to value. */
    PAYLOAD_NOT_JSON,
    /** No mapping is configured for the raw record's connector. */
    MAPPING_UNKNOWN_CONNECTOR,
    /** Neither a name nor an ID number is stated: nothing to resolve the record by. */
    MAPPING_NO_IDENTITY,
    /** A field the mapping lists under {@code require} is absent. */
    MAPPING_MISSING_FIELD,
    /** The mapping failed unexpectedly (a defect); the record is kept so a replay after the fix takes it. */
    MAPPING_FAILED
}

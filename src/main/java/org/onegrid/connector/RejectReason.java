package org.onegrid.connector;

/**
 * Stable reason codes of input a connector could not take (stage INGEST on {@code onegrid.rejected}). Consumers
 * switch on them; docs/topics.md lists them. Never rename one; add new ones at the end.
 */
public enum RejectReason {
    /** Bytes not valid in the declared or detected encoding. */
    PAYLOAD_UNDECODABLE,
    /** A CSV row with another number of columns than the header. */
    CSV_COLUMN_COUNT,
    /** A spreadsheet that cannot be opened, or has no such sheet. */
    XLSX_UNREADABLE,
    /** A spreadsheet row with values beyond the header's last column. */
    XLSX_COLUMN_COUNT,
    /** A row whose key columns are empty: it cannot be told apart from others. */
    KEY_MISSING,
    /** A file without a usable header: none, an empty or repeated column name, or a key column missing. */
    HEADER_INVALID,
    /** An HTTP answer with a success status whose body is not JSON (an error page of a proxy, say). */
    HTTP_NOT_JSON,
    /** An element of an HTTP page's record list that is not a JSON object of field to value. */
    RECORD_NOT_OBJECT
}

package org.onegrid.connector;

/** Camel message headers the route templates in {@code routes/} and the connector beans share. */
public final class ConnectorHeaders {

    /** The connector id; every template sets it first, from its {@code connector} parameter. */
    public static final String CONNECTOR = "OneGridConnector";
    /** How a unit of work ended: {@code done} or {@code failed} (file-drop moves the file to that folder). */
    public static final String OUTCOME = "OneGridOutcome";
    /** Why a unit failed: a reason code, for the template's choice and for people. */
    public static final String FAILURE_REASON = "OneGridFailureReason";
    /** The unit was seen before (a re-dropped identical file) and is not ingested again. */
    public static final String DUPLICATE = "OneGridDuplicate";
    /** Polling types: another unit follows at once (a next page, a full batch); the template loops while it is true. */
    public static final String MORE = "OneGridMore";

    private ConnectorHeaders() {}
}

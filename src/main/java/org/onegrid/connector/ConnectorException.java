package org.onegrid.connector;

/**
 * Something a connector could not do that is not the data's fault: Kafka did not acknowledge, a secret could not be
 * read, a department system did not answer. The unit of work (a file, a batch, a page) is not marked done and is
 * tried again; bad data is never an exception but a record on {@code onegrid.rejected}. Messages never carry a secret
 * or a personal value.
 *
 * <p>A {@linkplain #permanent permanent} one is a refusal that trying again cannot cure (the source rejects the
 * credentials, the address names nothing): the connector becomes FAILED and stops asking until the service is
 * restarted with the cause fixed, so that a department system is not hammered with requests it will refuse.
 */
public class ConnectorException extends RuntimeException {

    private final boolean permanent;

    public ConnectorException(String message) {
        this(message, null, false);
    }

    public ConnectorException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private ConnectorException(String message, Throwable cause, boolean permanent) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** A refusal that retrying cannot cure; the message says what to fix. */
    public static ConnectorException permanent(String message) {
        return new ConnectorException(message, null, true);
    }

    /** True when the connector stops until restarted, false when the unit is tried again. */
    public boolean isPermanent() {
        return permanent;
    }
}

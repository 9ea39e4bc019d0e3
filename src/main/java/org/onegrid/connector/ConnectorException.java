package org.onegrid.connector;

/**
 * Something a connector could not do that is not the data's fault: Kafka did not acknowledge, a secret could not be
 * read. The unit of work (a file, a batch) is not marked done and is tried again; bad data is never an exception
 * but a record on {@code onegrid.rejected}. Messages never carry a secret or a personal value.
 */
public class ConnectorException extends RuntimeException {

    public ConnectorException(String message) {
        super(message);
    }

    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.onegrid.connector;

/** Where a connector is in its life. */
public enum ConnectorState {
    /** The file is valid; its route is being started. */
    STARTING,
    /** Its route runs. */
    RUNNING,
    /** The file has problems, or the source could not be reached: the connector does not run, the others do. */
    FAILED,
    /** {@code enabled: false}: the file was read and checked, nothing runs. */
    DISABLED
}

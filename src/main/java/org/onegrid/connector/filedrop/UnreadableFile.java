package org.onegrid.connector.filedrop;

import org.onegrid.connector.RejectReason;

/** A whole file cannot be read: it goes to failed/ with its reason, and to onegrid.rejected. Never carries a value. */
final class UnreadableFile extends Exception {

    private final RejectReason reason;
    private final String fix;

    UnreadableFile(RejectReason reason, String message, String fix) {
        super(message, null, false, false);
        this.reason = reason;
        this.fix = fix;
    }

    RejectReason reason() {
        return reason;
    }

    String fix() {
        return fix;
    }
}

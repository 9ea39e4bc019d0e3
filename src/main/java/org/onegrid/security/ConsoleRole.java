package org.onegrid.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a subscriber may do in the operations console beyond reading its grids' tables, as its file's {@code roles:}
 * list says. Reading is governed by the scope and field policy alone; these add actions.
 */
public enum ConsoleRole {
    /** Answers the verify-once work list of its scope: which value is right, same person or not. */
    REVIEWER,
    /** Sees the pipeline (connectors, stages, broker) and the rejected records, and re-submits them. */
    OPERATOR;

    /** The name in a subscriber file. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ConsoleRole> of(String key) {
        return Arrays.stream(values()).filter(r -> r.key().equals(key)).findFirst();
    }
}

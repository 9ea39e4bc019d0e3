package org.onegrid.security;

import java.util.Locale;
import java.util.Optional;

/** What a field policy does with one field: pass it, pass a masked form, or leave it out. */
public enum FieldAction {
    SHOW, MASK, DROP;

    /** The action written in a subscriber file ({@code show}, {@code mask}, {@code drop}), empty when it is none. */
    static Optional<FieldAction> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (FieldAction action : values()) {
            if (action.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}

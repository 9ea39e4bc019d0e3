package org.onegrid.security;

import java.util.Optional;

/**
 * The fields of the golden record a policy acts on, by the key written under {@code fields:} in a subscriber file.
 * Department attributes are not here: they are governed by group and by name ({@code groups:}, {@code attributes:}).
 */
public enum PolicyField {
    ID_NUMBER("idNumber", true),
    NAME("name", true),
    GENDER("gender", false),
    BIRTH_DATE("birthDate", true),
    ETHNICITY("ethnicity", false),
    PHONES("phones", true),
    ADDRESS("address", true),
    GRID("grid", false),
    PROVENANCE("provenance", false);

    private final String key;
    private final boolean maskable;

    PolicyField(String key, boolean maskable) {
        this.key = key;
        this.maskable = maskable;
    }

    /** The key in a subscriber file, and the field's name in {@code PersonView.masked}. */
    public String key() {
        return key;
    }

    /** Whether {@code mask} means something for this field (a masked gender would still be the gender). */
    public boolean maskable() {
        return maskable;
    }

    static Optional<PolicyField> byKey(String key) {
        for (PolicyField field : values()) {
            if (field.key.equals(key)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}

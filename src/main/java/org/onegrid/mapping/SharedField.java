package org.onegrid.mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The shared fields a mapping may fill, by their key in the {@code mapping:} block (= the SourcePerson field). */
enum SharedField {
    ID_NUMBER("idNumber"),
    NAME("name"),
    GENDER("gender"),
    BIRTH_DATE("birthDate"),
    ETHNICITY("ethnicity"),
    PHONES("phones"),
    ADDRESS("address");

    /** SourcePerson fields the mapping fills itself, with what to map instead. */
    static final List<String[]> DERIVED = List.of(
            new String[] {"idNumberStated", "it is the stated ID number; map idNumber"},
            new String[] {"idStatus", "it is derived from the ID number; map idNumber"},
            new String[] {"nameStated", "it is the stated name; map name"},
            new String[] {"namePinyin", "it is derived from the name; map name"},
            new String[] {"flags", "flags are raised by standardization, not mapped"},
            new String[] {"connector", "it is the connector's id, set from the raw record"},
            new String[] {"sourceKey", "it is the raw record's key, set by the connector"},
            new String[] {"sourceTime", "it is set from the raw record"},
            new String[] {"ingestTime", "it is set from the raw record"});

    private final String key;

    SharedField(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    static Optional<SharedField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(SharedField::key).toList();
    }
}

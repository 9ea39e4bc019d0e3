package org.onegrid.resolve.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which department is authoritative for which field of the golden record (一数一源): per field, an
 * ordered list of connector ids, most authoritative first. Connectors not listed rank after the
 * listed ones, equal among themselves. Ties are then broken by recency (source time, else ingest
 * time), then by ID validity (VALID over LIFTED over the rest), then by ref.
 *
 * @param authoritative field name → connector ids, most authoritative first; fields are
 *        {@link #FIELDS}
 */
public record Survivorship(Map<String, List<String>> authoritative) {

    public static final String ID_NUMBER = "idNumber";
    public static final String NAME = "name";
    public static final String GENDER = "gender";
    public static final String BIRTH_DATE = "birthDate";
    public static final String ETHNICITY = "ethnicity";
    public static final String PHONES = "phones";
    public static final String ADDRESS = "address";

    /** The fields that survivorship decides. Attributes are not among them: every source's are kept. */
    public static final Set<String> FIELDS = Set.of(ID_NUMBER, NAME, GENDER, BIRTH_DATE, ETHNICITY, PHONES, ADDRESS);

    /** Recency alone decides every field. */
    public static final Survivorship RECENCY_ONLY = new Survivorship(Map.of());

    /** Fails with every unknown field and every empty or blank connector listed, not just the first. */
    public Survivorship {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> copy = new LinkedHashMap<>();
        authoritative.forEach((field, connectors) -> {
            if (!FIELDS.contains(field)) {
                problems.add("survivorship: " + field + ": unknown field; use one of " + FIELDS.stream().sorted().toList());
            }
            if (connectors == null || connectors.isEmpty()) {
                problems.add("survivorship: " + field + ": no connectors listed; list them or leave the field out");
            } else if (connectors.stream().anyMatch(c -> c == null || c.isBlank())) {
                problems.add("survivorship: " + field + ": blank connector id");
            }
            copy.put(field, connectors == null ? List.of() : List.copyOf(connectors));
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        authoritative = Map.copyOf(copy);
    }

    /** Rank of the connector for the field: 0 for the most authoritative; listed size when unlisted. */
    int rank(String field, String connector) {
        List<String> order = authoritative.getOrDefault(field, List.of());
        int i = order.indexOf(connector);
        return i < 0 ? order.size() : i;
    }
}

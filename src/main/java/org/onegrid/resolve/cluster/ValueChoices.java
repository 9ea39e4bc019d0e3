package org.onegrid.resolve.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.onegrid.schema.SourcePerson;

/**
 * Reviewers' choices of the right value of a field ("this record's address is the right one"), kept per record in
 * the {@code decisions} table: under {@code "\u0000choice/" + ref + "\u0000" + field} the value, the decision id,
 * a sequence number (later choices win) and the values the reviewer saw; under {@code "\u0000choices/" + ref} the
 * fields the record has choices for, so a person's choices cost one lookup per member.
 *
 * <p>A choice stands while its record still holds the chosen value: the golden record then takes it ahead of
 * survivorship, and the members' disagreement on the field is not raised again until a value the reviewer did not see
 * appears.
 */
final class ValueChoices {

    private static final String CHOICE = "\u0000choice/";
    private static final String FIELDS = "\u0000choices/";
    private static final String SEQUENCE = "choice-seq";

    /** One choice: {@code value} of {@code field} from record {@code ref}, by decision {@code decisionId}. */
    record Choice(String ref, String field, String value, String decisionId, long sequence, Set<String> seen) {
    }

    private final ClusterStore store;

    ValueChoices(ClusterStore store) {
        this.store = store;
    }

    Choice get(String ref, String field) {
        String stored = store.decisions().get(CHOICE + ref + '\u0000' + field);
        if (stored == null) {
            return null;
        }
        List<String> lines = Arrays.asList(stored.split("\n", -1));
        return new Choice(ref, field, lines.get(0), lines.get(1), Long.parseLong(lines.get(2)),
                new TreeSet<>(lines.subList(3, lines.size())));
    }

    void put(String ref, String field, String value, String decisionId, Set<String> seen) {
        String counter = store.counters().get(SEQUENCE);
        long sequence = counter == null ? 0 : Long.parseLong(counter);
        store.counters().put(SEQUENCE, Long.toString(sequence + 1));
        List<String> lines = new ArrayList<>(List.of(value, decisionId == null ? "" : decisionId, Long.toString(sequence)));
        lines.addAll(new TreeSet<>(seen));
        store.decisions().put(CHOICE + ref + '\u0000' + field, String.join("\n", lines));
        Set<String> fields = fieldsOf(ref);
        if (fields.add(field)) {
            store.decisions().put(FIELDS + ref, String.join(",", fields));
        }
    }

    /** Per field, the latest choice among the members that still stands. */
    Map<String, Choice> standing(List<SourcePerson> members) {
        Map<String, Choice> chosen = new HashMap<>();
        for (SourcePerson member : members) {
            String ref = Refs.of(member);
            for (String field : fieldsOf(ref)) {
                Choice choice = get(ref, field);
                if (choice != null && choice.value().equals(FieldDisagreements.text(field, member))) {
                    chosen.merge(field, choice, (a, b) -> a.sequence() >= b.sequence() ? a : b);
                }
            }
        }
        return chosen;
    }

    private Set<String> fieldsOf(String ref) {
        String fields = store.decisions().get(FIELDS + ref);
        return fields == null || fields.isEmpty() ? new TreeSet<>() : new TreeSet<>(Arrays.asList(fields.split(",")));
    }
}

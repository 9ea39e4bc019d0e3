package org.onegrid.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.onegrid.backbone.Topics;
import org.onegrid.connector.TopicContents;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.Provenance;

/**
 * The golden table as a subscriber sees it once the topic is compacted (the latest record of every person id), for
 * tests that feed one connector whose rows are each a person of their own.
 */
public final class GoldenTable {

    private final Map<String, GoldenPerson> persons;

    private GoldenTable(Map<String, GoldenPerson> persons) {
        this.persons = persons;
    }

    /** The golden topic as it is now, read committed, on the cluster at {@code bootstrapServers}. */
    public static GoldenTable read(String bootstrapServers) {
        Map<String, GoldenPerson> latest = new LinkedHashMap<>();
        TopicContents.read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), Topics.GOLDEN.name(),
                Topics.GOLDEN.valueSerde(GoldenPerson.class)).forEach(r -> latest.put(r.key(), r.value()));
        return new GoldenTable(latest);
    }

    /** Per source key of one connector, the ids of the active persons whose sources name it. */
    public Map<String, List<String>> activePersonsPerSourceKey(String connector) {
        Map<String, List<String>> keys = new TreeMap<>();
        persons.values().stream().filter(p -> p.getStatus() == PersonStatus.ACTIVE).forEach(person -> {
            for (Provenance source : person.getSources()) {
                if (source.getConnector().equals(connector)) {
                    keys.computeIfAbsent(source.getSourceKey(), k -> new ArrayList<>()).add(person.getPersonId());
                }
            }
        });
        return keys;
    }

    /**
     * Whether the resolver has caught up with a connector's rows: exactly the live keys are in active persons, and the
     * attribute {@code attribute} of each key in {@code values} has that value. A progress condition to await; it does
     * not look for duplicates ({@link #assertOnePersonPerKey} does).
     */
    public boolean hasCaughtUp(String connector, Set<String> liveKeys, String attribute, Map<String, String> values) {
        if (!activePersonsPerSourceKey(connector).keySet().equals(liveKeys)) {
            return false;
        }
        Map<String, String> found = new TreeMap<>();
        persons.values().stream().filter(p -> p.getStatus() == PersonStatus.ACTIVE).forEach(person ->
                person.getAttributes().stream().filter(a -> a.getValue().getName().equals(attribute)).forEach(a ->
                        found.put(a.getProvenance().getSourceKey(), a.getValue().getValue())));
        return values.entrySet().stream().allMatch(e -> e.getValue().equals(found.get(e.getKey())));
    }

    /** Exactly one active person per live key of the connector, none for any other key, no key in two persons. */
    public void assertOnePersonPerKey(String connector, Set<String> liveKeys) {
        Map<String, List<String>> keys = activePersonsPerSourceKey(connector);
        assertThat(keys.keySet()).as("the source keys with a person").isEqualTo(liveKeys);
        assertThat(keys.values()).as("persons per source key").allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(keys.values().stream().flatMap(List::stream).distinct()).as("persons").hasSize(liveKeys.size());
    }
}

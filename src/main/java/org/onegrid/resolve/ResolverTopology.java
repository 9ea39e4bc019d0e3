package org.onegrid.resolve;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.onegrid.backbone.Topics;
import org.onegrid.resolve.cluster.Blocking;
import org.onegrid.resolve.cluster.ResolverConfig;
import org.onegrid.resolve.cluster.Survivorship;
import org.onegrid.resolve.match.BlockingKeys;
import org.onegrid.resolve.match.Matcher;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonLink;
import org.onegrid.schema.SourcePerson;

/**
 * The resolver's topology, defined once for the service and its tests.
 *
 * <pre>
 * onegrid.person.source ─► shard router (store: ref → shard) ─► repartition by shard key
 *   ─► shard resolver (stores: records, memberships, persons, goldens, conflicts, blocks, decisions, counters)
 *   ─► onegrid.person.golden | onegrid.person.links | onegrid.person.conflicts
 * </pre>
 */
public final class ResolverTopology {

    static final String BY_SHARD = "resolver-by-shard";

    private ResolverTopology() {}

    /**
     * @param sharding how records are spread so that one person's records meet
     * @param matcher compares two records
     * @param survivorship which department wins which golden field
     */
    public static Topology build(Sharding sharding, Matcher matcher, Survivorship survivorship) {
        return build(sharding, matcher, survivorship, Storage.PERSISTENT);
    }

    /** Where the resolver's tables live. */
    public enum Storage {
        /** RocksDB with changelogs: what the service runs on. */
        PERSISTENT,
        /**
         * In memory with changelogs: for test drivers that commit after every record, where flushing RocksDB each
         * time measures the disk, not the resolver.
         */
        IN_MEMORY;

        KeyValueBytesStoreSupplier supplier(String name) {
            return this == PERSISTENT ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        }
    }

    /** As {@link #build(Sharding, Matcher, Survivorship)}, with the tables kept in {@code storage}. */
    public static Topology build(Sharding sharding, Matcher matcher, Survivorship survivorship, Storage storage) {
        Serde<String> keys = Serdes.String();
        var sources = Topics.SOURCE.valueSerde(SourcePerson.class);
        StreamsBuilder builder = new StreamsBuilder();

        builder.addStateStore(Stores.keyValueStoreBuilder(
                storage.supplier(ShardRouter.STORE), keys, Serdes.String()));
        for (String store : KeyValueClusterStore.STORES) {
            builder.addStateStore(Stores.keyValueStoreBuilder(
                    storage.supplier(store), keys, Serdes.ByteArray()));
        }

        // Matching happens inside one shard only: blocking keys are qualified by the shard key, so records of
        // other shards that share a partition never meet, whatever the partition count.
        Blocking blocking = record -> qualified(sharding.keyOf(record), BlockingKeys.of(record));
        ResolverConfig config = new ResolverConfig(survivorship, sharding::keyOf);

        KStream<String, SpecificRecord> resolved = builder.stream(Topics.SOURCE.name(), Consumed.with(keys, sources))
                .process(() -> new ShardRouter(sharding), ShardRouter.STORE)
                .repartition(Repartitioned.with(keys, sources).withName(BY_SHARD))
                .process(() -> new ShardResolver(matcher, blocking, config),
                        KeyValueClusterStore.STORES.toArray(String[]::new));

        resolved.filter((key, value) -> value instanceof GoldenPerson)
                .mapValues(value -> (GoldenPerson) value)
                .to(Topics.GOLDEN.name(), Produced.with(keys, Topics.GOLDEN.valueSerde(GoldenPerson.class)));
        resolved.filter((key, value) -> value instanceof PersonLink)
                .mapValues(value -> (PersonLink) value)
                .to(Topics.LINKS.name(), Produced.with(keys, Topics.LINKS.valueSerde(PersonLink.class)));
        resolved.filter((key, value) -> value instanceof Conflict)
                .mapValues(value -> (Conflict) value)
                .to(Topics.CONFLICTS.name(), Produced.with(keys, Topics.CONFLICTS.valueSerde(Conflict.class)));
        return builder.build();
    }

    private static Set<String> qualified(String shard, Set<String> keys) {
        return keys.stream().map(key -> shard + "|" + key).collect(Collectors.toSet());
    }
}

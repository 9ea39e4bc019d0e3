package org.onegrid.resolve;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.backbone.TopicSpec;
import org.onegrid.backbone.Topics;
import org.onegrid.resolve.cluster.Blocking;
import org.onegrid.resolve.cluster.ResolverConfig;
import org.onegrid.resolve.cluster.Survivorship;
import org.onegrid.resolve.match.BlockingKeys;
import org.onegrid.resolve.match.Matcher;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonLink;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.ReviewerDecision;
import org.onegrid.schema.SourcePerson;

/**
 * The resolver's topology, defined once for the service and its tests.
 *
 * <pre>
 * onegrid.review.decisions ─► decision intake ─► (invalid) onegrid.rejected
 *                                   └─► one copy per record named, repartitioned by record ref
 *                                         └─► joined with the record's current version ─┐
 * onegrid.person.source ─► table of source records (by ref) ───────────────────────────┴─► shard router
 *     (stores: ref → shard, ref → decisions) ─► repartition by shard key (records and decisions, in order)
 *   ─► shard resolver (stores: records, memberships, persons, goldens, conflicts, blocks, decisions, counters,
 *      decided-with)
 *   ─► onegrid.person.golden | onegrid.person.links | onegrid.person.conflicts | onegrid.rejected
 *   └─► (birth-date sharding only) repartition by sweep key ─► cross-shard sweep, every sweep interval
 *        (stores: sweep blocks, entries, dirty keys, open questions) ─► onegrid.person.conflicts
 * </pre>
 *
 * The decisions are repartitioned by record ref and joined with the table of source records, so Kafka Streams makes
 * their partitions match those of onegrid.person.source: each decision reaches the router that holds its record.
 */
public final class ResolverTopology {

    static final String BY_SHARD = "resolver-by-shard";
    static final String DECISIONS_BY_RECORD = "resolver-decisions-by-record";
    static final String SOURCES_STORE = "resolver-sources";
    static final String BY_SWEEP_KEY = "resolver-by-sweep-key";
    /** How often the cross-shard sweep looks at what changed, unless configured. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(30);
    /** The rejected topic; its retention is the topic contract's business, not the topology's. */
    private static final TopicSpec REJECTED = Topics.rejected(Duration.ofDays(1));

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

        /**
         * A store of the processors, behind the record cache: a key read again within a commit interval is not read
         * from RocksDB, and a key written several times is written to RocksDB and its changelog once, at the commit.
         */
        <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
            KeyValueBytesStoreSupplier supplier = this == PERSISTENT
                    ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
            return Stores.keyValueStoreBuilder(supplier, Serdes.String(), values).withCachingEnabled();
        }

        KeyValueBytesStoreSupplier tableSupplier(String name) {
            return this == PERSISTENT ? Stores.persistentTimestampedKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        }
    }

    /** As {@link #build(Sharding, Matcher, Survivorship)}, with the tables kept in {@code storage}. */
    public static Topology build(Sharding sharding, Matcher matcher, Survivorship survivorship, Storage storage) {
        return build(sharding, matcher, survivorship, DEFAULT_SWEEP_INTERVAL, storage);
    }

    /**
     * The topology; every other {@code build} comes here.
     *
     * @param sweepInterval how often the cross-shard sweep looks at the records that changed (wall-clock time)
     * @param storage where the tables live
     */
    public static Topology build(Sharding sharding, Matcher matcher, Survivorship survivorship, Duration sweepInterval,
                                 Storage storage) {
        Serde<String> keys = Serdes.String();
        AvroSerde<SourcePerson> sources = Topics.SOURCE.valueSerde(SourcePerson.class);
        AvroSerde<ReviewerDecision> decisions = Topics.REVIEW_DECISIONS.valueSerde(ReviewerDecision.class);
        Clock clock = Clock.systemUTC();
        StreamsBuilder builder = new StreamsBuilder();

        builder.addStateStore(storage.store(ShardRouter.STORE, Serdes.String()));
        builder.addStateStore(storage.store(ShardRouter.REVIEWS_STORE, Serdes.ByteArray()));
        for (String store : KeyValueClusterStore.STORES) {
            builder.addStateStore(storage.store(store, Serdes.ByteArray()));
        }
        builder.addStateStore(storage.store(ShardResolver.DECIDED_STORE, Serdes.ByteArray()));
        boolean sweep = sharding == Sharding.BIRTH_DATE;
        if (sweep) {
            for (String store : CrossShardSweep.STORES) {
                builder.addStateStore(storage.store(store, Serdes.ByteArray()));
            }
        }

        // Matching happens inside one shard only: blocking keys are qualified by the shard key, so records of
        // other shards that share a partition never meet, whatever the partition count.
        Blocking blocking = record -> qualified(sharding.keyOf(record), BlockingKeys.of(record));
        ResolverConfig config = new ResolverConfig(survivorship, sharding::keyOf);

        KTable<String, SourcePerson> records = builder.table(Topics.SOURCE.name(), Consumed.with(keys, sources),
                Materialized.<String, SourcePerson>as(storage.tableSupplier(SOURCES_STORE))
                        .withKeySerde(keys).withValueSerde(sources).withCachingDisabled());

        KStream<String, SpecificRecord> intake = builder
                .stream(Topics.REVIEW_DECISIONS.name(), Consumed.with(keys, Serdes.ByteArray()))
                .process(() -> new DecisionIntake(clock));
        KStream<String, ShardRouter.Input> reviews = intake
                .filter((key, value) -> value instanceof ReviewerDecision)
                .mapValues(value -> (ReviewerDecision) value)
                .repartition(Repartitioned.with(keys, decisions).withName(DECISIONS_BY_RECORD))
                .leftJoin(records, (decision, current) -> (ShardRouter.Input) new ShardRouter.Review(decision, current),
                        Joined.with(keys, decisions, sources));
        KStream<String, ShardRouter.Input> versions = records.toStream()
                .mapValues(person -> (ShardRouter.Input) new ShardRouter.Version(person));

        List<String> resolverStores = new ArrayList<>(KeyValueClusterStore.STORES);
        resolverStores.add(ShardResolver.DECIDED_STORE);
        KStream<String, Object> resolved = versions.merge(reviews)
                .process(() -> new ShardRouter(sharding), ShardRouter.STORE, ShardRouter.REVIEWS_STORE)
                .repartition(Repartitioned.with(keys, new TaggedAvroSerde(SourcePerson.class, ReviewerDecision.class))
                        .withName(BY_SHARD))
                .process(() -> new ShardResolver(matcher, blocking, config, clock, sweep),
                        resolverStores.toArray(String[]::new));
        KStream<String, Conflict> conflicts = resolved.filter((key, value) -> value instanceof Conflict)
                .mapValues(value -> (Conflict) value);
        if (sweep) {
            KStream<String, Conflict> questions = resolved.filter((key, value) -> value instanceof SweepEntry)
                    .mapValues(value -> (SweepEntry) value)
                    .repartition(Repartitioned.with(keys, SweepEntry.serde()).withName(BY_SWEEP_KEY))
                    .process(() -> new CrossShardSweep(matcher, sweepInterval, clock),
                            CrossShardSweep.STORES.toArray(String[]::new));
            conflicts = conflicts.merge(questions);
        }

        resolved.filter((key, value) -> value instanceof GoldenPerson)
                .mapValues(value -> (GoldenPerson) value)
                .to(Topics.GOLDEN.name(), Produced.with(keys, Topics.GOLDEN.valueSerde(GoldenPerson.class)));
        resolved.filter((key, value) -> value instanceof PersonLink)
                .mapValues(value -> (PersonLink) value)
                .to(Topics.LINKS.name(), Produced.with(keys, Topics.LINKS.valueSerde(PersonLink.class)));
        conflicts.to(Topics.CONFLICTS.name(), Produced.with(keys, Topics.CONFLICTS.valueSerde(Conflict.class)));
        intake.filter((key, value) -> value instanceof RejectedRecord)
                .merge(resolved.filter((key, value) -> value instanceof RejectedRecord).mapValues(value -> (SpecificRecord) value))
                .mapValues(value -> (RejectedRecord) value)
                .to(REJECTED.name(), Produced.with(keys, REJECTED.valueSerde(RejectedRecord.class)));
        return builder.build();
    }

    private static Set<String> qualified(String shard, Set<String> keys) {
        return keys.stream().map(key -> shard + "|" + key).collect(Collectors.toSet());
    }
}

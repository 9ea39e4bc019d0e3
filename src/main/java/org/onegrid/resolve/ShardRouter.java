package org.onegrid.resolve;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.onegrid.schema.ReviewerDecision;
import org.onegrid.schema.SourcePerson;

/**
 * Sends each source record to its shard, and each reviewer decision to the shards of the records it concerns,
 * keyed by shard. Runs partitioned by record ref, so it sees every version of a record and every decision about it.
 *
 * <p>Remembers where each record went: when a record's shard key changes (a corrected birth date, at its source or by
 * a reviewer), it is first retracted from its old shard, then added to the new one; a delete goes to the shard the
 * record was in. Keeps the decisions about each record, and sends them after the record whenever the record enters a
 * shard, so the shard can apply a decision once both its records are there, in whichever order everything arrived.
 * A decision whose birth date is right for one of its records corrects the other (unless a valid ID number vouches
 * for that record's date), which moves it to its person's shard. Never changes a record in any other way.
 */
final class ShardRouter implements Processor<String, ShardRouter.Input, String, SpecificRecord> {

    static final String STORE = "resolver-shard-of";
    static final String REVIEWS_STORE = "resolver-record-reviews";

    /** What the router reads: a version of a record, or a decision with the record's current version (or null). */
    sealed interface Input {
    }

    record Version(SourcePerson person) implements Input {
    }

    record Review(ReviewerDecision decision, SourcePerson current) implements Input {
    }

    private final Sharding sharding;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, String> shardOf;
    private KeyValueStore<String, byte[]> reviews;

    ShardRouter(Sharding sharding) {
        this.sharding = sharding;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.shardOf = context.getStateStore(STORE);
        this.reviews = context.getStateStore(REVIEWS_STORE);
    }

    @Override
    public void process(Record<String, Input> record) {
        String ref = record.key();
        if (record.value() instanceof Version version && version.person() != null) {
            route(ref, version.person(), reviewsOf(ref), record);
        } else if (record.value() instanceof Review review) {
            review(ref, review, record);
        }
    }

    private void review(String ref, Review review, Record<String, Input> record) {
        RecordReviews known = reviewsOf(ref);
        if (known.has(review.decision())) {
            return;
        }
        RecordReviews updated = known.with(review.decision(), ref);
        SourcePerson current = review.current();
        if (current == null || current.getDeleted()) {
            reviews.put(ref, updated.toBytes());
            return;
        }
        String before = shardOf.get(ref);
        String shard = route(ref, current, updated, record);
        if (shard.equals(before)) {
            context.forward(record.withKey(shard).withValue(review.decision()));
        }
    }

    /**
     * Sends the record, corrected by its reviews, to its shard, retracting it from the one it was in; sends its
     * decisions after it when it enters a shard. Stores the reviews with their settled corrections.
     */
    private String route(String ref, SourcePerson person, RecordReviews known, Record<String, Input> record) {
        String previous = shardOf.get(ref);
        if (person.getDeleted()) {
            if (previous != null) {
                context.forward(record.withKey(previous).withValue(person));
                shardOf.delete(ref);
            }
            return previous;
        }
        RecordReviews.Corrected corrected = known.correct(person);
        if (!corrected.reviews().entries().isEmpty()) {
            reviews.put(ref, corrected.reviews().toBytes());
        }
        String shard = sharding.keyOf(corrected.record());
        if (previous != null && !previous.equals(shard)) {
            context.forward(record.withKey(previous).withValue(retraction(person)));
        }
        shardOf.put(ref, shard);
        context.forward(record.withKey(shard).withValue(corrected.record()));
        if (!shard.equals(previous)) {
            corrected.reviews().entries().forEach(e -> context.forward(record.withKey(shard).withValue(e.decision())));
        }
        return shard;
    }

    private RecordReviews reviewsOf(String ref) {
        byte[] bytes = reviews.get(ref);
        return bytes == null ? RecordReviews.none() : RecordReviews.fromBytes(bytes);
    }

    private static SourcePerson retraction(SourcePerson person) {
        return SourcePerson.newBuilder()
                .setConnector(person.getConnector())
                .setSourceKey(person.getSourceKey())
                .setDeleted(true)
                .setSourceTime(person.getSourceTime())
                .setIngestTime(person.getIngestTime())
                .build();
    }
}

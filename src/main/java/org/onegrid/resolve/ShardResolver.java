package org.onegrid.resolve;

import java.nio.ByteBuffer;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.resolve.cluster.Blocking;
import org.onegrid.resolve.cluster.ClusterResolver;
import org.onegrid.resolve.cluster.ClusterStore;
import org.onegrid.resolve.cluster.ResolveResult;
import org.onegrid.resolve.cluster.ResolverConfig;
import org.onegrid.resolve.cluster.ReviewDecision;
import org.onegrid.resolve.match.Matcher;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonLink;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.ReviewScope;
import org.onegrid.schema.ReviewVerdict;
import org.onegrid.schema.ReviewerDecision;
import org.onegrid.schema.SourcePerson;
import org.onegrid.schema.Stage;

/**
 * Resolves the records of the shards of one partition, and applies the reviewer decisions about them. Forwards every
 * golden record, link and conflict the core decides to publish, keyed as their topics are: person id,
 * connector/sourceKey, conflict id.
 *
 * <p>A decision is applied once both its records are in the shard it came for; before that it changes nothing (the
 * router sends it again with the record that completes the pair). The store holds several shards: a record of another
 * shard counts as absent, so that nothing is ever decided across shards.
 */
final class ShardResolver implements Processor<String, SpecificRecord, String, SpecificRecord> {

    static final String NOT_APPLICABLE = "DECISION_NOT_APPLICABLE";

    private final Matcher matcher;
    private final Blocking blocking;
    private final ResolverConfig config;
    private final Clock clock;
    private ProcessorContext<String, SpecificRecord> context;
    private ClusterStore store;
    private ClusterResolver resolver;

    ShardResolver(Matcher matcher, Blocking blocking, ResolverConfig config, Clock clock) {
        this.matcher = matcher;
        this.blocking = blocking;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = new KeyValueClusterStore(context);
        this.resolver = new ClusterResolver(store, matcher, blocking, config, clock);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        ResolveResult result;
        if (record.value() instanceof SourcePerson person) {
            result = resolver.apply(person);
        } else if (record.value() instanceof ReviewerDecision decision) {
            result = decide(record.key(), decision);
        } else {
            return;
        }
        long now = context.currentSystemTimeMs();
        for (GoldenPerson golden : result.goldens()) {
            context.forward(new Record<>(golden.getPersonId(), golden, now));
        }
        for (PersonLink link : result.links()) {
            context.forward(new Record<>(link.getConnector() + "/" + link.getSourceKey(), link, now));
        }
        for (Conflict conflict : result.conflicts()) {
            context.forward(new Record<>(conflict.getConflictId(), conflict, now));
        }
    }

    private ResolveResult decide(String shard, ReviewerDecision decision) {
        if (decision.getVerdict() == ReviewVerdict.RIGHT_VALUE) {
            return ResolveResult.EMPTY;
        }
        String a = RecordReviews.ref(decision.getRecord());
        String b = RecordReviews.ref(decision.getOtherRecord());
        if (!inShard(a, shard) || !inShard(b, shard)) {
            return ResolveResult.EMPTY;
        }
        ReviewDecision verdict = decision.getVerdict() == ReviewVerdict.SAME ? ReviewDecision.SAME : ReviewDecision.DIFFERENT;
        String id = decision.getDecisionId();
        try {
            String personA = store.memberships().get(a);
            String personB = store.memberships().get(b);
            if (decision.getScope() == ReviewScope.RECORDS || personA.equals(personB)) {
                // Two records of one person said to be different people: the records are separated.
                return personA.equals(personB) && verdict == ReviewDecision.SAME
                        ? ResolveResult.EMPTY : resolver.decideRecords(a, b, verdict, id);
            }
            return resolver.decide(personA, personB, verdict, id);
        } catch (IllegalArgumentException e) {
            reject(decision, e.getMessage());
            return ResolveResult.EMPTY;
        }
    }

    private boolean inShard(String ref, String shard) {
        SourcePerson record = store.records().get(ref);
        return record != null && shard.equals(config.idScope().apply(record));
    }

    private void reject(ReviewerDecision decision, String message) {
        RejectedRecord rejected = RejectedRecord.newBuilder()
                .setReason(NOT_APPLICABLE)
                .setMessage(message)
                .setStage(Stage.RESOLVE)
                .setConnector(DecisionIntake.REVIEW)
                .setSourceKey(decision.getDecisionId())
                .setContentType(DecisionIntake.CONTENT_TYPE)
                .setOriginalPayload(ByteBuffer.wrap(AvroSerde.of(ReviewerDecision.class).encode(decision)))
                .setRejectedAt(clock.instant())
                .build();
        context.forward(new Record<>(DecisionIntake.REVIEW + "/" + decision.getDecisionId(), rejected,
                context.currentSystemTimeMs()));
    }
}

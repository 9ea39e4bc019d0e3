package org.onegrid.resolve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.backbone.Topics;
import org.onegrid.resolve.cluster.Blocking;
import org.onegrid.resolve.cluster.ClusterResolver;
import org.onegrid.resolve.cluster.ClusterStore;
import org.onegrid.resolve.cluster.Refs;
import org.onegrid.resolve.cluster.ResolveResult;
import org.onegrid.resolve.cluster.ResolverConfig;
import org.onegrid.resolve.cluster.ReviewDecision;
import org.onegrid.resolve.match.Matcher;
import org.onegrid.resolve.match.SweepKeys;
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
 *
 * <p>When the sweep runs, also sends a {@link SweepEntry} under each sweep key of every record whose content, person
 * or decisions changed, and a retraction under each key a record lost.
 */
final class ShardResolver implements Processor<String, SpecificRecord, String, Object> {

    static final String NOT_APPLICABLE = "DECISION_NOT_APPLICABLE";
    /** ref → the records a reviewer decided about together with it, and the decision ids. */
    static final String DECIDED_STORE = "resolver-decided-with";
    private static final AvroSerde<SourcePerson> RECORDS = AvroSerde.of(SourcePerson.class);

    private final Matcher matcher;
    private final Blocking blocking;
    private final ResolverConfig config;
    private final Clock clock;
    private final boolean sweep;
    private ProcessorContext<String, Object> context;
    private ClusterStore store;
    private ClusterResolver resolver;
    private KeyValueStore<String, byte[]> decided;

    ShardResolver(Matcher matcher, Blocking blocking, ResolverConfig config, Clock clock, boolean sweep) {
        this.matcher = matcher;
        this.blocking = blocking;
        this.config = config;
        this.clock = clock;
        this.sweep = sweep;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = new KeyValueClusterStore(context);
        this.resolver = new ClusterResolver(store, matcher, blocking, config, clock);
        this.decided = context.getStateStore(DECIDED_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        ResolveResult result;
        Set<String> changed = new LinkedHashSet<>();
        if (record.value() instanceof SourcePerson person) {
            String ref = Refs.of(person);
            SourcePerson before = store.records().get(ref);
            result = resolver.apply(person);
            SourcePerson after = store.records().get(ref);
            if (sweep && !Arrays.equals(encoded(before), encoded(after))) {
                retractLostKeys(ref, before, after);
                changed.add(ref);
            }
        } else if (record.value() instanceof ReviewerDecision decision) {
            result = decide(record.key(), decision);
            changed.addAll(noteDecided(record.key(), decision));
        } else {
            return;
        }
        publish(result);
        if (sweep) {
            result.links().forEach(link -> changed.add(Refs.of(link.getConnector(), link.getSourceKey())));
            changed.forEach(this::sendToSweep);
        }
    }

    private void publish(ResolveResult result) {
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
            String ref = RecordReviews.ref(decision.getRecord());
            if (!inShard(ref, shard)) {
                return ResolveResult.EMPTY;
            }
            try {
                return resolver.chooseValue(ref, decision.getField(), decision.getValue(), decision.getDecisionId());
            } catch (IllegalArgumentException e) {
                reject(decision, e.getMessage());
                return ResolveResult.EMPTY;
            }
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

    /** Remembers, for each record of the decision in this shard, the other record and the decision; returns those refs. */
    private Set<String> noteDecided(String shard, ReviewerDecision decision) {
        if (decision.getOtherRecord() == null || decision.getVerdict() == ReviewVerdict.RIGHT_VALUE) {
            return Set.of();
        }
        String a = RecordReviews.ref(decision.getRecord());
        String b = RecordReviews.ref(decision.getOtherRecord());
        Set<String> noted = new HashSet<>();
        for (String[] pair : new String[][] {{a, b}, {b, a}}) {
            if (inShard(pair[0], shard)) {
                Map<String, String> with = decidedWith(pair[0]);
                if (!decision.getDecisionId().equals(with.put(pair[1], decision.getDecisionId()))) {
                    decided.put(pair[0], encode(with));
                    noted.add(pair[0]);
                }
            }
        }
        return noted;
    }

    /** Takes the record off the sweep keys its previous version had and this one has not. */
    private void retractLostKeys(String ref, SourcePerson before, SourcePerson after) {
        if (before == null) {
            return;
        }
        Set<String> lost = new HashSet<>(SweepKeys.of(before));
        if (after != null) {
            lost.removeAll(SweepKeys.of(after));
        }
        long timestamp = context.currentSystemTimeMs();
        lost.forEach(key -> context.forward(new Record<>(key, SweepEntry.retraction(ref), timestamp)));
    }

    /** The record as the sweep should know it, under each of its keys; nothing when it is no longer here. */
    private void sendToSweep(String ref) {
        SourcePerson record = store.records().get(ref);
        String personId = store.memberships().get(ref);
        if (record == null || personId == null) {
            return;
        }
        SweepEntry entry = new SweepEntry(ref, config.idScope().apply(record), personId, record, decidedWith(ref));
        long timestamp = context.currentSystemTimeMs();
        SweepKeys.of(record).forEach(key -> context.forward(new Record<>(key, entry, timestamp)));
    }

    private static byte[] encoded(SourcePerson record) {
        return record == null ? null : RECORDS.encode(record);
    }

    private Map<String, String> decidedWith(String ref) {
        Map<String, String> with = new TreeMap<>();
        byte[] bytes = decided.get(ref);
        if (bytes != null) {
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                int tab = line.indexOf('\t');
                with.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return with;
    }

    private static byte[] encode(Map<String, String> with) {
        StringBuilder text = new StringBuilder();
        with.forEach((ref, id) -> text.append(text.length() == 0 ? "" : "\n").append(ref).append('\t').append(id));
        return text.toString().getBytes(StandardCharsets.UTF_8);
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
                .setOriginalPayload(ByteBuffer.wrap(Topics.REVIEW_DECISIONS.valueSerde(ReviewerDecision.class).encode(decision)))
                .setRejectedAt(clock.instant())
                .build();
        context.forward(new Record<>(DecisionIntake.REVIEW + "/" + decision.getDecisionId(), rejected,
                context.currentSystemTimeMs()));
    }
}

package org.onegrid.console;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.onegrid.backbone.AcknowledgedWrites;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.onegrid.backbone.Topics;
import org.onegrid.schema.CandidateValue;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.Operation;
import org.onegrid.schema.Provenance;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.RecordRef;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.ReviewScope;
import org.onegrid.schema.ReviewVerdict;
import org.onegrid.schema.ReviewerDecision;
import org.onegrid.schema.Stage;

/**
 * What the console writes back into the pipeline: a reviewer's answer as a {@link ReviewerDecision} on
 * {@code onegrid.review.decisions} (with the reviewer as its provenance), and a rejected record sent through the
 * mapping again on its connector's raw topic. Each write waits for the broker's acknowledgement.
 */
final class Corrections implements AutoCloseable {

    /** The question or record cannot be answered this way; the message says why, for a person. */
    static final class NotAnswerable extends Exception {
        NotAnswerable(String message) {
            super(message);
        }
    }

    /** A reviewer's answer as the page sent it: a candidate's index, a verdict, or both; and a note. */
    record Answer(Integer choice, ReviewVerdict verdict, String note) {

        static Answer of(Map<String, Object> body) {
            if (body == null) {
                throw new IllegalArgumentException("send {\"choice\": n} or {\"verdict\": \"SAME\" | \"DIFFERENT\"}");
            }
            Integer choice = null;
            if (body.get("choice") instanceof Number n) {
                choice = n.intValue();
            } else if (body.get("choice") != null) {
                throw new IllegalArgumentException("choice must be the index of a candidate");
            }
            ReviewVerdict verdict = null;
            if (body.get("verdict") instanceof String v) {
                if (!v.equals("SAME") && !v.equals("DIFFERENT")) {
                    throw new IllegalArgumentException("verdict must be SAME or DIFFERENT");
                }
                verdict = ReviewVerdict.valueOf(v);
            }
            if (choice == null && verdict == null) {
                throw new IllegalArgumentException("send {\"choice\": n} or {\"verdict\": \"SAME\" | \"DIFFERENT\"}");
            }
            String note = body.get("note") instanceof String text && !text.isBlank() ? text.strip() : null;
            return new Answer(choice, verdict, note);
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final Clock clock;

    Corrections(Map<String, Object> clientConfig, Clock clock) {
        Map<String, Object> config = AcknowledgedWrites.producerConfig(clientConfig, "onegrid-console");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.clock = clock;
    }

    /**
     * Writes the decision that answers {@code conflict}; returns its id.
     *
     * @param recordOf a source record of the person now carrying an id, for questions about two persons
     */
    String decide(Conflict conflict, Answer answer, String reviewer, Function<String, Optional<Provenance>> recordOf)
            throws NotAnswerable {
        ReviewerDecision.Builder decision = ReviewerDecision.newBuilder()
                .setDecisionId(UUID.randomUUID().toString())
                .setConflictId(conflict.getConflictId())
                .setDecidedBy(reviewer)
                .setDecidedAt(clock.instant())
                .setNote(answer.note());
        List<CandidateValue> candidates = conflict.getCandidates();
        switch (conflict.getKind()) {
            case FIELD_DISAGREEMENT -> {
                CandidateValue chosen = candidate(candidates, answer.choice());
                decision.setVerdict(ReviewVerdict.RIGHT_VALUE).setScope(ReviewScope.RECORDS)
                        .setRecord(ref(chosen.getProvenance())).setField(conflict.getField()).setValue(chosen.getValue());
            }
            case POSSIBLE_MATCH -> {
                ReviewVerdict verdict = verdict(answer);
                Provenance one = recordOf.apply(conflict.getPersonId())
                        .orElseThrow(() -> new NotAnswerable("the first person is no longer in the table"));
                Provenance other = recordOf.apply(conflict.getOtherPersonId())
                        .orElseThrow(() -> new NotAnswerable("the other person is no longer in the table"));
                decision.setVerdict(verdict).setScope(ReviewScope.PERSONS).setRecord(ref(one)).setOtherRecord(ref(other));
            }
            case CROSS_SHARD_CANDIDATE -> {
                ReviewVerdict verdict = verdict(answer);
                if (candidates.size() != 2) {
                    throw new NotAnswerable("this question does not name two records");
                }
                decision.setVerdict(verdict).setScope(ReviewScope.RECORDS)
                        .setRecord(ref(candidates.get(0).getProvenance())).setOtherRecord(ref(candidates.get(1).getProvenance()));
                if (verdict == ReviewVerdict.SAME) {
                    CandidateValue date = candidate(candidates, answer.choice());
                    decision.setField("birthDate").setValue(date.getValue());
                }
            }
            case ID_DISAGREES_WITH_RECORD -> throw new NotAnswerable(
                    "the record contradicts its own ID number; only its department can correct it");
        }
        ReviewerDecision built = decision.build();
        send(Topics.REVIEW_DECISIONS.name(), built.getDecisionId(),
                Topics.REVIEW_DECISIONS.valueSerde(ReviewerDecision.class).encode(built));
        return built.getDecisionId();
    }

    /** Whether the console can send this rejected record through the mapping again. */
    static boolean resubmittable(RejectedRecord record) {
        return record.getStage() == Stage.MAPPING && record.getSourceKey() != null
                && record.getContentType().startsWith("application/json");
    }

    /**
     * Puts a record the mapping rejected back on its raw topic, as an update of its source key, so the mapping as
     * configured now takes it again.
     *
     * @param contributes whether a connector's source key contributes to a current person: then a later version was
     *                    mapped, and the rejected one must not overwrite it
     */
    void resubmit(RejectedRecord record, BiPredicate<String, String> contributes) throws NotAnswerable {
        if (!resubmittable(record)) {
            throw new NotAnswerable("only records the mapping rejected can be re-submitted; fix this one at its source");
        }
        if (contributes.test(record.getConnector(), record.getSourceKey())) {
            throw new NotAnswerable("a later version of this record has been mapped since; re-submitting would overwrite it");
        }
        RawRecord raw = RawRecord.newBuilder()
                .setConnector(record.getConnector())
                .setSourceKey(record.getSourceKey())
                .setOperation(Operation.UPDATE)
                .setSourcePosition(record.getSourcePosition() == null ? "resubmitted" : record.getSourcePosition())
                .setSourceTime(null)
                .setIngestTime(clock.instant())
                .setContentType(record.getContentType())
                .setPayload(record.getOriginalPayload().duplicate())
                .build();
        var topic = Topics.raw(record.getConnector());
        send(topic.name(), record.getSourceKey(), topic.valueSerde(RawRecord.class).encode(raw));
    }

    private static CandidateValue candidate(List<CandidateValue> candidates, Integer choice) throws NotAnswerable {
        if (choice == null || choice < 0 || choice >= candidates.size()) {
            throw new NotAnswerable("choose one of the " + candidates.size() + " values (choice 0 to " + (candidates.size() - 1) + ")");
        }
        return candidates.get(choice);
    }

    private static ReviewVerdict verdict(Answer answer) throws NotAnswerable {
        if (answer.verdict() == null) {
            throw new NotAnswerable("say whether they are the SAME person or DIFFERENT persons");
        }
        return answer.verdict();
    }

    private static RecordRef ref(Provenance provenance) {
        return RecordRef.newBuilder().setConnector(provenance.getConnector()).setSourceKey(provenance.getSourceKey()).build();
    }

    private void send(String topic, String key, byte[] value) throws NotAnswerable {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new NotAnswerable("Kafka did not take it (" + e.getClass().getSimpleName() + "); try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAnswerable("interrupted; try again");
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

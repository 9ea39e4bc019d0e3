package org.onegrid.resolve;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.backbone.Topics;
import org.onegrid.resolve.cluster.ClusterResolver;
import org.onegrid.resolve.cluster.Survivorship;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.ReviewVerdict;
import org.onegrid.schema.ReviewerDecision;
import org.onegrid.schema.Stage;

/**
 * Reads reviewer decisions as bytes, so that a value written wrongly by another program is rejected, not fatal:
 * checks each decision and sends it on once per record it names, keyed by that record's ref (the router of each
 * record takes it from there), or rejects it to onegrid.rejected with a stable reason code. Never logs a decision.
 */
final class DecisionIntake implements Processor<String, byte[], String, SpecificRecord> {

    /** Connector named on rejected decisions: they come from reviewers, not from a department. */
    static final String REVIEW = "review";
    static final String UNDECODABLE = "DECISION_UNDECODABLE";
    static final String INVALID = "DECISION_INVALID";
    /** Content type of a rejected decision's original bytes. */
    static final String CONTENT_TYPE = "application/vnd.onegrid.reviewer-decision+avro";

    private static final AvroSerde<ReviewerDecision> DECISIONS = AvroSerde.of(ReviewerDecision.class);

    private final Clock clock;
    private ProcessorContext<String, SpecificRecord> context;

    DecisionIntake(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        ReviewerDecision decision;
        try {
            decision = DECISIONS.deserialize(Topics.REVIEW_DECISIONS.name(), record.value());
        } catch (SerializationException e) {
            reject(record, record.key(), UNDECODABLE, "not a ReviewerDecision of any released schema");
            return;
        }
        List<String> problems = problems(decision);
        if (!problems.isEmpty()) {
            reject(record, decision.getDecisionId(), INVALID, String.join("; ", problems));
            return;
        }
        context.forward(record.withKey(RecordReviews.ref(decision.getRecord())).withValue(decision));
        if (decision.getOtherRecord() != null && decision.getVerdict() != ReviewVerdict.RIGHT_VALUE) {
            context.forward(record.withKey(RecordReviews.ref(decision.getOtherRecord())).withValue(decision));
        }
    }

    /** What makes a decision impossible to apply; names fields, never values. */
    static List<String> problems(ReviewerDecision d) {
        List<String> problems = new ArrayList<>();
        if (d.getDecisionId().isBlank()) {
            problems.add("decisionId is blank");
        }
        String field = d.getField();
        switch (d.getVerdict()) {
            case SAME, DIFFERENT -> {
                if (d.getOtherRecord() == null) {
                    problems.add(d.getVerdict() + " needs otherRecord");
                } else if (RecordReviews.ref(d.getRecord()).equals(RecordReviews.ref(d.getOtherRecord()))) {
                    problems.add("record and otherRecord are the same record");
                }
                if (field != null && (d.getVerdict() == ReviewVerdict.DIFFERENT || !field.equals(Survivorship.BIRTH_DATE))) {
                    problems.add(d.getVerdict() + " carries a field only to correct birthDate (after SAME); field is " + field);
                } else if (field != null && !isDate(d.getValue())) {
                    problems.add("value must be the right birth date as yyyy-MM-dd");
                }
            }
            case RIGHT_VALUE -> {
                if (field == null || !ClusterResolver.CHOOSABLE_FIELDS.contains(field)) {
                    problems.add("RIGHT_VALUE needs field, one of " + ClusterResolver.CHOOSABLE_FIELDS.stream().sorted().toList());
                }
                if (d.getValue() == null) {
                    problems.add("RIGHT_VALUE needs value, the record's value of field as in the conflict");
                }
            }
            default -> problems.add("unknown verdict");
        }
        return problems;
    }

    private static boolean isDate(String value) {
        try {
            return value != null && LocalDate.parse(value) != null;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void reject(Record<String, byte[]> record, String decisionId, String reason, String message) {
        String id = decisionId == null || decisionId.isBlank() ? null : decisionId;
        RejectedRecord rejected = RejectedRecord.newBuilder()
                .setReason(reason)
                .setMessage(message)
                .setStage(Stage.RESOLVE)
                .setConnector(REVIEW)
                .setSourceKey(id)
                .setContentType(CONTENT_TYPE)
                .setOriginalPayload(ByteBuffer.wrap(record.value()))
                .setRejectedAt(clock.instant())
                .build();
        context.forward(record.withKey(id == null ? REVIEW : REVIEW + "/" + id).withValue(rejected));
    }
}

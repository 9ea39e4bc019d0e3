package org.onegrid.api;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.onegrid.backbone.AcknowledgedWrites;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.onegrid.backbone.TopicSpec;
import org.onegrid.schema.AuditAction;
import org.onegrid.schema.AuditCredential;
import org.onegrid.schema.AuditEvent;
import org.onegrid.schema.AuditOutcome;

/**
 * Appends one event per API read to {@code onegrid.audit} and waits for the broker to have it: an answer is sent
 * only once its audit record is durable, so no read goes unrecorded (when the log cannot be written the read is
 * refused). Events name the subscriber, the action, the region or person id and the ids returned, never data.
 */
public final class AuditLog implements AutoCloseable {

    /** Raised when the audit record could not be written: the read must not be answered. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(Throwable cause) {
            super("the audit log could not be written", cause);
        }
    }

    private final KafkaProducer<String, AuditEvent> producer;
    private final TopicSpec topic;
    private final Clock clock;

    AuditLog(Map<String, Object> clientConfig, TopicSpec topic, Clock clock) {
        Map<String, Object> config = AcknowledgedWrites.producerConfig(clientConfig, "onegrid-audit");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), topic.valueSerde(AuditEvent.class));
        this.topic = topic;
        this.clock = clock;
    }

    public void record(Caller caller, String remoteAddress, AuditAction action, String target, AuditOutcome outcome,
                List<String> personIds) {
        String subscriber = caller == null ? null : caller.subscriber().id();
        AuditCredential credential = caller == null ? AuditCredential.NONE : caller.credential();
        record(subscriber, credential, remoteAddress, action, target, outcome, personIds);
    }

    void record(String subscriber, AuditCredential credential, String remoteAddress, AuditAction action, String target,
                AuditOutcome outcome, List<String> personIds) {
        AuditEvent event = AuditEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setAt(clock.instant()).setSubscriber(subscriber)
                .setCredential(credential).setAction(action).setTarget(target).setOutcome(outcome)
                .setPersonIds(List.copyOf(personIds)).setRemoteAddress(remoteAddress)
                .build();
        try {
            producer.send(new ProducerRecord<>(topic.name(), subscriber == null ? "-" : subscriber, event))
                    .get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new Unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

package org.onegrid.connector.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.Topics;
import org.onegrid.connector.ConnectorException;
import org.onegrid.connector.IngestBatch;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.RejectedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every connector route ends: writes a batch's records to {@code onegrid.raw.<connector>} and its rejects to
 * {@code onegrid.rejected} with one idempotent producer (acks=all), and returns only when Kafka acknowledged every
 * one of them. If any is not acknowledged it throws, so the route does not mark the unit done and it is read again
 * (the raw topic is compacted and keyed by source key: a record written twice is harmless).
 */
public final class RawSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RawSink.class);
    private static final int PROGRESS_EVERY = 10_000;

    private final KafkaProducer<String, byte[]> producer;
    private final String rejectedTopic;
    private final ConnectorStatuses statuses;

    RawSink(KafkaBackbone backbone, String rejectedTopic, ConnectorStatuses statuses) {
        Map<String, Object> config = backbone.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "onegrid-connectors");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.rejectedTopic = rejectedTopic;
        this.statuses = statuses;
    }

    /** The route step: the body is an {@link IngestBatch}. */
    public void publish(Exchange exchange) throws InvalidPayloadException {
        publish(exchange.getMessage().getMandatoryBody(IngestBatch.class));
    }

    /** Writes the batch and waits for every acknowledgement. An empty batch (a poll that found nothing) writes nothing. */
    public void publish(IngestBatch batch) {
        if (batch.records().isEmpty() && batch.rejects().isEmpty()) {
            return;
        }
        String rawTopic = Topics.raw(batch.connector()).name();
        AvroSerde<RawRecord> rawSerde = AvroSerde.of(RawRecord.class);
        AvroSerde<RejectedRecord> rejectedSerde = AvroSerde.of(RejectedRecord.class);
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.records().size() + batch.rejects().size());
        int sent = 0;
        for (RawRecord record : batch.records()) {
            acks.add(producer.send(new ProducerRecord<>(rawTopic, record.getSourceKey(), rawSerde.encode(record))));
            if (++sent % PROGRESS_EVERY == 0) {
                log.info("Connector {}: {} of {} records of {} sent", batch.connector(), sent, batch.records().size(), batch.unit());
            }
        }
        for (RejectedRecord reject : batch.rejects()) {
            String key = batch.connector() + (reject.getSourceKey() == null ? "" : "/" + reject.getSourceKey());
            acks.add(producer.send(new ProducerRecord<>(rejectedTopic, key, rejectedSerde.encode(reject))));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new ConnectorException("Kafka did not acknowledge a record of " + batch.unit() + " ("
                        + e.getCause().getClass().getSimpleName() + "); the unit will be read again", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException("interrupted while waiting for Kafka to acknowledge " + batch.unit(), e);
            }
        }
        statuses.counted(batch);
        log.info("Connector {}: {} records and {} rejects of {} acknowledged by Kafka", batch.connector(),
                batch.records().size(), batch.rejects().size(), batch.unit());
    }

    @Override
    public void close() {
        producer.close();
    }
}

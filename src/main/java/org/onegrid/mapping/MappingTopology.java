package org.onegrid.mapping;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.backbone.Topics;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.SourcePerson;
import org.onegrid.schema.Stage;

/**
 * The mapping stage as a Kafka Streams topology: every raw topic ({@code onegrid.raw.<connector>}, by pattern, so a
 * new connector's topic is picked up) → the connector's {@link Mapper} → {@code onegrid.person.source} (key
 * {@code connector/sourceKey}) or {@code onegrid.rejected} (stage MAPPING, the original payload).
 *
 * <p>Stateless: the output for a key depends only on the latest raw record of that key and the current mapping, so
 * re-running from the raw topics after a mapping fix reproduces the source topic (docs/mapping.md, Replay). For
 * that, a rejection also withdraws what the key said before: a {@code deleted = true} record flagged
 * WITHDRAWN_BY_REJECTION on the source topic. Raw tombstones are skipped (the DELETE before them did the work).
 * A value that is not a RawRecord is rejected (RAW_UNDECODABLE), never allowed to stop the stage.
 */
public final class MappingTopology {

    /** Every raw topic, present and future. */
    public static final Pattern RAW_TOPICS = rawTopics();

    /** The rejected topic's name (its retention is the topic contract's business, not the writer's). */
    static final String REJECTED_TOPIC = Topics.rejected(Duration.ofDays(1)).name();
    private static final String RAW_PREFIX = rawPrefix();
    private static final String SOURCE_NODE = "raw-topics";
    private static final String PROCESSOR_NODE = "map-and-standardize";
    private static final String PERSON_SINK = "to-person-source";
    private static final String REJECTED_SINK = "to-rejected";
    private static final String OCTET_STREAM = "application/octet-stream";

    private MappingTopology() {
    }

    /**
     * Builds the mapping topology; the application and its TopologyTestDriver tests both call this.
     *
     * @param mappers connector id → its mapper; a raw record of another connector is rejected
     *                (MAPPING_UNKNOWN_CONNECTOR)
     * @param clock   the time written as {@code rejectedAt}
     */
    public static Topology build(Map<String, Mapper> mappers, Clock clock) {
        Map<String, Mapper> byConnector = Map.copyOf(mappers);
        AvroSerde<SourcePerson> persons = Topics.SOURCE.valueSerde(SourcePerson.class);
        AvroSerde<RejectedRecord> rejected = AvroSerde.of(RejectedRecord.class);
        Topology topology = new Topology();
        topology.addSource(SOURCE_NODE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), RAW_TOPICS);
        topology.addProcessor(PROCESSOR_NODE, () -> new MapProcessor(byConnector, clock), SOURCE_NODE);
        topology.addSink(PERSON_SINK, Topics.SOURCE.name(), Serdes.String().serializer(), persons.serializer(),
                PROCESSOR_NODE);
        topology.addSink(REJECTED_SINK, REJECTED_TOPIC, Serdes.String().serializer(), rejected.serializer(),
                PROCESSOR_NODE);
        return topology;
    }

    /** The key on the source and rejected topics. */
    static String key(String connector, String sourceKey) {
        return connector + "/" + sourceKey;
    }

    private static Pattern rawTopics() {
        return Pattern.compile(Pattern.quote(rawPrefix()) + ".+");
    }

    /** {@code onegrid.raw.}, from the topic registry. */
    private static String rawPrefix() {
        String example = Topics.raw("c").name();
        return example.substring(0, example.length() - 1);
    }

    /** The connector a raw topic belongs to: the topic name without the prefix. */
    static String connectorOf(String topic) {
        return topic != null && topic.startsWith(RAW_PREFIX) ? topic.substring(RAW_PREFIX.length()) : String.valueOf(topic);
    }

    private static final class MapProcessor implements Processor<String, byte[], String, Object> {

        private final Map<String, Mapper> mappers;
        private final Clock clock;
        private final AvroSerde<RawRecord> raws = AvroSerde.of(RawRecord.class);
        private ProcessorContext<String, Object> context;

        MapProcessor(Map<String, Mapper> mappers, Clock clock) {
            this.mappers = mappers;
            this.clock = clock;
        }

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.value() == null) {
                return;
            }
            RawRecord raw;
            try {
                raw = raws.deserialize(topic(), record.value());
            } catch (SerializationException e) {
                undecodable(record);
                return;
            }
            Mapper mapper = mappers.get(raw.getConnector());
            MappingResult result = mapper != null ? mapper.map(raw)
                    : new MappingResult.Rejected(RejectReason.MAPPING_UNKNOWN_CONNECTOR,
                            "no mapping is configured for this connector");
            String key = key(raw.getConnector(), raw.getSourceKey());
            if (result instanceof MappingResult.Mapped mapped) {
                context.forward(record.withKey(key).withValue(mapped.person()), PERSON_SINK);
            } else if (result instanceof MappingResult.Rejected rejection) {
                RejectedRecord out = RejectedRecord.newBuilder()
                        .setReason(rejection.reason())
                        .setMessage(rejection.message())
                        .setStage(Stage.MAPPING)
                        .setConnector(raw.getConnector())
                        .setSourceKey(raw.getSourceKey())
                        .setSourcePosition(raw.getSourcePosition())
                        .setContentType(raw.getContentType())
                        .setOriginalPayload(raw.getPayload())
                        .setRejectedAt(clock.instant())
                        .build();
                context.forward(record.withKey(key).withValue(out), REJECTED_SINK);
                context.forward(record.withKey(key).withValue(
                        Mapper.deletion(raw, List.of(Flag.WITHDRAWN_BY_REJECTION.code()))), PERSON_SINK);
            }
        }

        private void undecodable(Record<String, byte[]> record) {
            String connector = connectorOf(topic());
            RejectedRecord out = RejectedRecord.newBuilder()
                    .setReason(RejectReason.RAW_UNDECODABLE.name())
                    .setMessage("the value on the raw topic is not a RawRecord of any known schema version")
                    .setStage(Stage.MAPPING)
                    .setConnector(connector)
                    .setSourceKey(record.key())
                    .setSourcePosition(null)
                    .setContentType(OCTET_STREAM)
                    .setOriginalPayload(ByteBuffer.wrap(record.value()))
                    .setRejectedAt(clock.instant())
                    .build();
            String key = record.key() == null ? connector : key(connector, record.key());
            context.forward(record.withKey(key).withValue(out), REJECTED_SINK);
            if (record.key() != null) {
                RawRecord keys = RawRecord.newBuilder()
                        .setConnector(connector).setSourceKey(record.key()).setOperation(Operation.DELETE)
                        .setSourcePosition("").setIngestTime(clock.instant()).setPayload(ByteBuffer.allocate(0))
                        .build();
                context.forward(record.withKey(key).withValue(
                        Mapper.deletion(keys, List.of(Flag.WITHDRAWN_BY_REJECTION.code()))), PERSON_SINK);
            }
        }

        private String topic() {
            return context.recordMetadata().map(m -> m.topic()).orElse(null);
        }
    }
}

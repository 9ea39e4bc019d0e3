package org.onegrid.mapping;

import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.onegrid.backbone.StreamsCounts;
import org.onegrid.backbone.StreamsSettings;

/**
 * Runs the mapping topology as a Kafka Streams application, exactly once: a raw record's standardized person, its
 * rejection and the consumed offset are committed together, so a restart neither loses nor repeats one.
 *
 * <p>The application id is the consumer group whose offsets on the raw topics say how far the mapping has got;
 * {@link MappingReplay} resets them to re-run the mapping (docs/mapping.md).
 */
public final class MappingStage implements AutoCloseable {

    /** The default application id (and consumer group) of the mapping stage. */
    public static final String APPLICATION_ID = "onegrid-mapping";

    private final KafkaStreams streams;

    private MappingStage(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * The Streams settings: the given client and Streams settings (bootstrap servers, security, commit interval,
     * threads), exactly once ({@link StreamsSettings}), and reading a raw topic from its beginning when the
     * application has no offsets yet.
     */
    public static Properties streamsConfig(Map<String, ?> clientConfig, String applicationId) {
        Properties config = StreamsSettings.exactlyOnce(clientConfig, applicationId);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A new connector's raw topic is found by the pattern within this time.
        config.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.METADATA_MAX_AGE_CONFIG), "30000");
        // A stopped instance leaves the group within this time (Streams does not leave on close unless members are
        // static), after which its partitions move on and a replay may reset the offsets.
        config.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "10000");
        return config;
    }

    /** Starts the stage with the default application id and the system clock. */
    public static MappingStage start(Map<String, ?> clientConfig, Map<String, Mapper> mappers) {
        return start(clientConfig, APPLICATION_ID, mappers, Clock.systemUTC());
    }

    /**
     * Starts the stage.
     *
     * @param clientConfig  bootstrap servers and client settings ({@code KafkaBackbone.clientConfig()})
     * @param applicationId the Streams application id; a new one re-maps every raw topic from the beginning
     * @param mappers       connector id → mapper
     */
    public static MappingStage start(Map<String, ?> clientConfig, String applicationId, Map<String, Mapper> mappers,
            Clock clock) {
        KafkaStreams streams = new KafkaStreams(MappingTopology.build(mappers, clock),
                streamsConfig(clientConfig, applicationId));
        streams.start();
        return new MappingStage(streams);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Records processed since start by this instance. */
    public long processed() {
        return StreamsCounts.processed(streams);
    }

    /**
     * Stops the stage, committing what it has done, within {@link StreamsSettings#CLOSE_TIMEOUT}. With static
     * membership ({@code group.instance.id}) it leaves the consumer group at once; otherwise the group notices within
     * the session timeout (10 s).
     */
    @Override
    public void close() {
        StreamsSettings.close(streams);
    }
}

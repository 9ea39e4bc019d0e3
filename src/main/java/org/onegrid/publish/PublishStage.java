package org.onegrid.publish;

import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.StreamsCounts;
import org.onegrid.backbone.StreamsSettings;
import org.onegrid.config.OneGridProperties;
import org.onegrid.security.Subscribers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the publishing topology as a Kafka Streams application on the backbone, exactly once: a view and its
 * record of what it holds commit together, so a restart neither loses a retraction nor publishes one twice.
 * The query table lives in this instance's stores; with several instances each holds only its partitions.
 */
public final class PublishStage implements SmartLifecycle {

    static final String APPLICATION_ID = "onegrid-publish";
    private static final Logger log = LoggerFactory.getLogger(PublishStage.class);

    private final KafkaStreams streams;
    private final PersonTable table;
    private final int subscribers;

    public PublishStage(KafkaBackbone backbone, OneGridProperties properties, Subscribers subscribers) {
        this.subscribers = subscribers.all().size();
        this.streams = new KafkaStreams(ViewTopology.build(subscribers), streamsConfig(backbone, properties));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Publishing stopped on an unexpected error ({}); it resumes from its last commit when restarted",
                    e.getClass().getSimpleName());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        this.table = new PersonTable(
                () -> streams.store(StoreQueryParameters.fromNameAndType(PersonTable.PERSONS, QueryableStoreTypes.keyValueStore())),
                () -> streams.store(StoreQueryParameters.fromNameAndType(PersonTable.INDEX, QueryableStoreTypes.keyValueStore())));
    }

    /** The golden table as this instance holds it; reads fail (InvalidStateStoreException) until the stage runs. */
    public PersonTable table() {
        return table;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Records processed since start by this instance. */
    public long processed() {
        return StreamsCounts.processed(streams);
    }

    @Override
    public void start() {
        streams.start();
        log.info("Publishing started for {} subscriber(s) (application id {})", subscribers, APPLICATION_ID);
    }

    /** Stops publishing, committing what it has done, within {@link StreamsSettings#CLOSE_TIMEOUT}. */
    @Override
    public void stop() {
        StreamsSettings.close(streams);
    }

    @Override
    public boolean isRunning() {
        return streams.state().isRunningOrRebalancing();
    }

    private static Properties streamsConfig(KafkaBackbone backbone, OneGridProperties properties) {
        Properties config = StreamsSettings.exactlyOnce(backbone.clientConfig(), APPLICATION_ID);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, properties.resolve().commitInterval().toMillis());
        config.put(StreamsConfig.STATE_DIR_CONFIG, properties.resolve().stateDir().toAbsolutePath().toString());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) properties.topics().replicationFactor());
        return config;
    }
}

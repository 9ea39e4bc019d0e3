package org.onegrid.resolve;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.StreamsCounts;
import org.onegrid.backbone.StreamsSettings;
import org.onegrid.config.ConfigProblem;
import org.onegrid.config.ConfigProblemsException;
import org.onegrid.config.OneGridProperties;
import org.onegrid.resolve.cluster.Survivorship;
import org.onegrid.resolve.match.ScoringMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the resolver topology as a Kafka Streams application on the backbone, exactly once, with its state in
 * RocksDB and changelog topics: a restart (or another instance taking over partitions) resumes from the last
 * commit without losing or doubling a golden update.
 */
public final class ResolverStage implements SmartLifecycle {

    static final String APPLICATION_ID = "onegrid-resolver";
    private static final Logger log = LoggerFactory.getLogger(ResolverStage.class);

    private final KafkaStreams streams;

    public ResolverStage(KafkaBackbone backbone, OneGridProperties properties) {
        OneGridProperties.Resolve resolve = properties.resolve();
        Survivorship survivorship = survivorship(resolve.survivorship());
        var topology = ResolverTopology.build(Sharding.valueOf(resolve.sharding()), new ScoringMatcher(), survivorship,
                resolve.sweepInterval(), ResolverTopology.Storage.PERSISTENT);
        this.streams = new KafkaStreams(topology, streamsConfig(backbone, properties));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("The resolver stopped on an unexpected error ({}); it resumes from its last commit when restarted",
                    e.getClass().getSimpleName());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
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
        log.info("Resolver started (application id {})", APPLICATION_ID);
    }

    /** Stops the resolver, committing what it has done, within {@link StreamsSettings#CLOSE_TIMEOUT}. */
    @Override
    public void stop() {
        StreamsSettings.close(streams);
    }

    @Override
    public boolean isRunning() {
        return streams.state().isRunningOrRebalancing();
    }

    private static Properties streamsConfig(KafkaBackbone backbone, OneGridProperties properties) {
        OneGridProperties.Resolve resolve = properties.resolve();
        Properties config = StreamsSettings.exactlyOnce(backbone.clientConfig(), APPLICATION_ID);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, resolve.commitInterval().toMillis());
        config.put(StreamsConfig.STATE_DIR_CONFIG, resolve.stateDir().toAbsolutePath().toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, resolve.threads());
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, resolve.cacheSize().toBytes());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) properties.topics().replicationFactor());
        return config;
    }

    /** Binds the survivorship settings, whose keys may arrive lower-cased or dashed; problems fail start-up. */
    static Survivorship survivorship(Map<String, List<String>> configured) {
        Map<String, List<String>> byField = new HashMap<>();
        configured.forEach((key, connectors) -> byField.put(Survivorship.FIELDS.stream()
                .filter(field -> field.equalsIgnoreCase(key.replace("-", "")))
                .findFirst().orElse(key), connectors));
        try {
            return new Survivorship(byField);
        } catch (IllegalArgumentException e) {
            throw new ConfigProblemsException(e.getMessage().lines()
                    .map(line -> new ConfigProblem("onegrid.resolve." + line.substring(0, line.indexOf(": ")).trim(),
                            line.substring(line.indexOf(": ") + 2).toLowerCase(Locale.ROOT), "see docs/resolution.md"))
                    .toList());
        }
    }
}

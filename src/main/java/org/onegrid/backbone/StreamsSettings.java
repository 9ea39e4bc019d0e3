package org.onegrid.backbone;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings the mapping, resolver and publishing stages share: exactly-once v2, and the producer
 * tuning that makes its transactions cheap (docs/configuration.md, "Kafka Streams"). A stage adds only what is its
 * own (commit interval, threads, state directory). Must never weaken exactly once: the tuning changes when records
 * are sent, never whether they commit together.
 */
public final class StreamsSettings {

    /**
     * How long a stage waits for its stream threads to stop: a commit in flight finishes well within it; what does not
     * is aborted, and the next start resumes from the last commit.
     */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    /** Records a producer holds for more of the same partition before it sends them (Streams' default: 100 ms). */
    static final int LINGER_MS = 10;

    /**
     * The first retry of a produce request the broker answered CONCURRENT_TRANSACTIONS: a transaction's first records
     * can reach a partition before the previous transaction's commit marker; the client's default backoff (100 ms)
     * would add that much to every such transaction.
     */
    static final int RETRY_BACKOFF_MS = 20;

    /**
     * The longest a stream thread waits in a poll that brings nothing (Streams' default: 100 ms). A thread checks
     * whether its commit is due only between polls, so a result waiting for its commit also waits out that poll; at
     * 100 ms this added up to a poll per stage to a change's latency.
     */
    static final int POLL_MS = 20;

    private StreamsSettings() {}

    /**
     * The settings of an exactly-once Streams application.
     *
     * @param clientConfig the backbone's client settings (bootstrap servers, security) and any Streams settings of
     *     the stage; settings given there win over the tuning here, never over the guarantee
     * @param applicationId the application id (and consumer group)
     */
    public static Properties exactlyOnce(Map<String, ?> clientConfig, String applicationId) {
        Properties config = new Properties();
        config.putAll(clientConfig);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), LINGER_MS);
        config.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), RETRY_BACKOFF_MS);
        config.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, POLL_MS);
        return config;
    }

    /** Stops a stage's Streams application within {@link #CLOSE_TIMEOUT}, leaving its group so partitions move at once. */
    public static void close(KafkaStreams streams) {
        streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
    }
}

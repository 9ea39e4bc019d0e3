package org.onegrid.benchmark;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the pipeline's topics from the beginning as a downstream subscriber would (committed records only) and
 * notes, per topic, how many records arrived and when the first and the last arrived here. Those arrival times are
 * what the benchmark's stage throughputs and latencies are made of: they include every delay a subscriber sees.
 */
final class TopicWatch implements AutoCloseable {

    /** Arrivals on one topic. */
    static final class Arrivals {
        private long count;
        private long first;
        private long last;

        synchronized void arrived(long at) {
            if (count++ == 0) {
                first = at;
            }
            last = at;
        }

        synchronized long count() {
            return count;
        }

        synchronized long first() {
            return first;
        }

        synchronized long last() {
            return last;
        }

        /** Records per second between the first and the last arrival. */
        synchronized double rate() {
            return count < 2 || last == first ? 0 : count * 1000.0 / (last - first);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Arrivals> arrivals = new ConcurrentHashMap<>();
    private final Map<String, BiConsumer<ConsumerRecord<String, byte[]>, Long>> listeners = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile RuntimeException failure;

    /**
     * @param listeners per topic, called on the watch's thread with each record and its arrival time (epoch ms)
     */
    TopicWatch(String bootstrapServers, Pattern topics, Map<String, BiConsumer<ConsumerRecord<String, byte[]>, Long>> listeners) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "onegrid-benchmark-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "2000");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.listeners.putAll(listeners);
        this.thread = new Thread(() -> run(topics), "benchmark-topic-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Pattern topics) {
        try {
            consumer.subscribe(topics);
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> record : records) {
                    arrivals.computeIfAbsent(record.topic(), t -> new Arrivals()).arrived(now);
                    var listener = listeners.get(record.topic());
                    if (listener != null) {
                        listener.accept(record, now);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Arrivals on a topic so far (empty when none yet). */
    Arrivals on(String topic) {
        checkAlive();
        return arrivals.computeIfAbsent(topic, t -> new Arrivals());
    }

    /** The topics that had arrivals, matching a prefix. */
    List<String> topicsStartingWith(String prefix) {
        checkAlive();
        return arrivals.keySet().stream().filter(t -> t.startsWith(prefix)).sorted().toList();
    }

    private void checkAlive() {
        if (failure != null) {
            throw new IllegalStateException("the benchmark's topic watch failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(10_000);
    }
}

package org.onegrid.console;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.backbone.TopicSpec;
import org.onegrid.backbone.Topics;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.ConflictStatus;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.RejectedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reader of the pipeline's outputs for the console, in a thread of its own: the conflicts topic from its start
 * (the open work list, kept whole: it is what staff must get through), the rejected topic from its start (counts by
 * connector and reason, and the latest {@link #KEPT_PER_REASON} records of each), and the golden topic from now on
 * (each change handed to the open pages that watch it). Reads committed data only; holds nothing on disk.
 */
public final class ConsoleFeed implements AutoCloseable {

    /** The newest rejected records kept per connector and reason; older ones are counted, not kept. */
    static final int KEPT_PER_REASON = 200;
    private static final Logger log = LoggerFactory.getLogger(ConsoleFeed.class);

    /** A rejected record as read, with an id of its place on the topic. */
    public record Rejected(String id, RejectedRecord record) {}

    private final Map<String, Object> clientConfig;
    private final TopicSpec rejectedTopic;
    private final Map<String, Conflict> open = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicLong>> rejectCounts = new ConcurrentHashMap<>();
    private final Map<String, Deque<Rejected>> rejected = new HashMap<>();
    private final List<Consumer<GoldenPerson>> goldenWatchers = new CopyOnWriteArrayList<>();
    private final AtomicLong merges = new AtomicLong();
    private final AtomicLong goldenChanges = new AtomicLong();
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;

    public ConsoleFeed(Map<String, Object> clientConfig, TopicSpec rejectedTopic) {
        this.clientConfig = clientConfig;
        this.rejectedTopic = rejectedTopic;
        this.thread = new Thread(this::run, "onegrid-console-feed");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The open questions (OPEN conflicts), in no order. */
    public Collection<Conflict> openConflicts() {
        return open.values();
    }

    public Optional<Conflict> openConflict(String conflictId) {
        return Optional.ofNullable(open.get(conflictId));
    }

    /** Rejected records by connector, then reason code, counted since the topic's retention began. */
    public Map<String, Map<String, Long>> rejectCounts() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        rejectCounts.forEach((connector, reasons) -> {
            Map<String, Long> byReason = new TreeMap<>();
            reasons.forEach((reason, count) -> byReason.put(reason, count.get()));
            counts.put(connector, byReason);
        });
        return counts;
    }

    /** The newest kept rejected records of a connector (all when null) and reason (all when null), newest first. */
    public List<Rejected> rejected(String connector, String reason) {
        List<Rejected> found = new ArrayList<>();
        synchronized (rejected) {
            rejected.forEach((key, records) -> records.forEach(r -> {
                if ((connector == null || connector.equals(r.record().getConnector()))
                        && (reason == null || reason.equals(r.record().getReason()))) {
                    found.add(r);
                }
            }));
        }
        found.sort((a, b) -> Long.compare(b.record().getRejectedAt().toEpochMilli(), a.record().getRejectedAt().toEpochMilli()));
        return found;
    }

    public Optional<Rejected> rejected(String id) {
        synchronized (rejected) {
            return rejected.values().stream().flatMap(Deque::stream).filter(r -> r.id().equals(id)).findFirst();
        }
    }

    /** Golden changes since the console started: every version, and those that merged an id into another. */
    public long goldenChanges() {
        return goldenChanges.get();
    }

    public long merges() {
        return merges.get();
    }

    /** Calls {@code watcher} with each golden change from now on, on the feed's thread, until {@link #unwatch}. */
    public void watch(Consumer<GoldenPerson> watcher) {
        goldenWatchers.add(watcher);
    }

    public void unwatch(Consumer<GoldenPerson> watcher) {
        goldenWatchers.remove(watcher);
    }

    private void run() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "onegrid-console");
        AvroSerde<Conflict> conflicts = Topics.CONFLICTS.valueSerde(Conflict.class);
        AvroSerde<RejectedRecord> rejects = rejectedTopic.valueSerde(RejectedRecord.class);
        AvroSerde<GoldenPerson> golden = Topics.GOLDEN.valueSerde(GoldenPerson.class);
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                List<TopicPartition> fromStart = new ArrayList<>(partitions(c, Topics.CONFLICTS.name()));
                fromStart.addAll(partitions(c, rejectedTopic.name()));
                List<TopicPartition> fromNow = partitions(c, Topics.GOLDEN.name());
                List<TopicPartition> all = new ArrayList<>(fromStart);
                all.addAll(fromNow);
                c.assign(all);
                c.seekToBeginning(fromStart);
                c.seekToEnd(fromNow);
                open.clear();
                rejectCounts.clear();
                synchronized (rejected) {
                    rejected.clear();
                }
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                        if (record.topic().equals(Topics.CONFLICTS.name())) {
                            conflict(record, conflicts);
                        } else if (record.topic().equals(rejectedTopic.name())) {
                            rejected(record, rejects);
                        } else if (record.value() != null) {
                            golden(golden.decode(record.value()));
                        }
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("The console's feed stopped ({}); starting it again", e.getClass().getSimpleName());
                    pause();
                }
            }
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private void conflict(ConsumerRecord<String, byte[]> record, AvroSerde<Conflict> serde) {
        if (record.value() == null) {
            open.remove(record.key());
            return;
        }
        Conflict conflict = serde.decode(record.value());
        if (conflict.getStatus() == ConflictStatus.OPEN) {
            open.put(conflict.getConflictId(), conflict);
        } else {
            open.remove(conflict.getConflictId());
        }
    }

    private void rejected(ConsumerRecord<String, byte[]> record, AvroSerde<RejectedRecord> serde) {
        if (record.value() == null) {
            return;
        }
        RejectedRecord rejectedRecord = serde.decode(record.value());
        String connector = rejectedRecord.getConnector();
        rejectCounts.computeIfAbsent(connector, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(rejectedRecord.getReason(), r -> new AtomicLong()).incrementAndGet();
        String id = record.partition() + "-" + record.offset();
        synchronized (rejected) {
            Deque<Rejected> kept = rejected.computeIfAbsent(connector + "/" + rejectedRecord.getReason(), k -> new ArrayDeque<>());
            kept.addLast(new Rejected(id, rejectedRecord));
            if (kept.size() > KEPT_PER_REASON) {
                kept.removeFirst();
            }
        }
    }

    private void golden(GoldenPerson person) {
        goldenChanges.incrementAndGet();
        if (person.getStatus() == PersonStatus.MERGED) {
            merges.incrementAndGet();
        }
        for (Consumer<GoldenPerson> watcher : goldenWatchers) {
            try {
                watcher.accept(person);
            } catch (RuntimeException e) {
                log.debug("A console page stopped watching: {}", e.getClass().getSimpleName());
                goldenWatchers.remove(watcher);
            }
        }
    }

    /** Waits a second before reading again, or less when closed meanwhile. */
    private synchronized void pause() {
        try {
            wait(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

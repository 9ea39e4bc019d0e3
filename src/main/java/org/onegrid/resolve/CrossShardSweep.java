package org.onegrid.resolve;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.resolve.match.Decision;
import org.onegrid.resolve.match.MatchVerdict;
import org.onegrid.resolve.match.Matcher;
import org.onegrid.resolve.match.ShardKey;
import org.onegrid.resolve.match.SweepKeys;
import org.onegrid.schema.CandidateValue;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.ConflictKind;
import org.onegrid.schema.ConflictStatus;
import org.onegrid.schema.GridRef;
import org.onegrid.schema.Provenance;
import org.onegrid.schema.SourcePerson;

/**
 * The cross-shard sweep: finds records of one person that the shard key kept apart (a birth date typed wrong or
 * missing in one department) and asks a reviewer about them as {@code CROSS_SHARD_CANDIDATE} conflicts. It never
 * merges anything: only a reviewer's SAME, with the right birth date, moves a record to its person's shard.
 *
 * <p>Runs partitioned by sweep key ({@link SweepKeys}: keys without the birth date), fed by the shard resolvers with
 * every record's shard, person and content. Each key that changed is looked at on the next sweep (every
 * {@code interval}): each pair of its records in different shards, not decided by a reviewer, that the matcher
 * finds a match or worth a review, is a candidate. A pair sharing several keys is asked about once, by the smallest
 * key they share; a question the data no longer supports is WITHDRAWN, one a reviewer answered RESOLVED.
 *
 * <p>A sweep works in slices until it is through: a stream thread spends at most {@link #SLICE} of every
 * {@link #SLICE_EVERY} on the sweeps of all its partitions (a slice finishes the key it is at). Taking in the entries
 * ({@link #process}) is not sliced: after a large load, that backlog shares the stream thread with the resolving
 * (docs/resolution.md). Only keys whose records are in more than one shard, or that have open questions, are looked at. Nothing here is a wall-clock
 * assertion: the timing only decides when questions appear, never what they are.
 */
final class CrossShardSweep implements Processor<String, SweepEntry, String, Conflict> {

    static final String BLOCKS_STORE = "resolver-sweep-blocks";
    static final String ENTRIES_STORE = "resolver-sweep-entries";
    static final String DIRTY_STORE = "resolver-sweep-dirty";
    static final String OPEN_STORE = "resolver-sweep-open";
    static final List<String> STORES = List.of(BLOCKS_STORE, ENTRIES_STORE, DIRTY_STORE, OPEN_STORE);

    /** The longest a sweep holds the stream thread at a time (it finishes the key it is at). */
    static final Duration SLICE = Duration.ofMillis(50);
    /** How often a sweep under way takes its next slice. */
    static final Duration SLICE_EVERY = Duration.ofMillis(250);
    /** Dirty keys read from the store at a time, so that nothing is modified while an iterator is open. */
    private static final int KEYS_AT_A_TIME = 500;
    private static final byte[] MARK = new byte[0];
    private static final String UNKNOWN_SHARD = "\u0000unknown";
    private static final AvroSerde<Conflict> CONFLICTS = AvroSerde.of(Conflict.class);

    private final Matcher matcher;
    private final Duration interval;
    private final Clock clock;
    private ProcessorContext<String, Conflict> context;
    private KeyValueStore<String, byte[]> blocks;
    private KeyValueStore<String, byte[]> entries;
    private KeyValueStore<String, byte[]> dirty;
    private KeyValueStore<String, byte[]> open;
    /**
     * Per stream thread: the start of the current {@link #SLICE_EVERY} window (punctuation time, ms) and the nanoseconds
     * the thread's sweeps have spent in it.
     */
    private static final ThreadLocal<long[]> THREAD_SHARE = ThreadLocal.withInitial(() -> new long[2]);

    /** Whether a sweep is under way. */
    private boolean sweeping;
    /** Where the last slice stopped, so that a busy stream of changes cannot starve the keys after it. */
    private String resumeAfter;

    CrossShardSweep(Matcher matcher, Duration interval, Clock clock) {
        this.matcher = matcher;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Conflict> context) {
        this.context = context;
        this.blocks = context.getStateStore(BLOCKS_STORE);
        this.entries = context.getStateStore(ENTRIES_STORE);
        this.dirty = context.getStateStore(DIRTY_STORE);
        this.open = context.getStateStore(OPEN_STORE);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::sweep);
        context.schedule(SLICE_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (sweeping) {
                slice(now);
            }
        });
    }

    @Override
    public void process(Record<String, SweepEntry> record) {
        String key = record.key();
        SweepEntry entry = record.value();
        if (key == null || entry == null) {
            return;
        }
        Map<String, String> shards = shardsByRef(blocks.get(key));
        Stored stored = stored(entry.ref());
        Set<String> keys = new TreeSet<>(stored == null ? Set.of() : stored.keys());
        if (entry.retracted()) {
            shards.remove(entry.ref());
            keys.remove(key);
            if (keys.isEmpty()) {
                entries.delete(entry.ref());
            } else {
                entries.put(entry.ref(), new Stored(stored.entry(), keys).toBytes());
            }
        } else {
            shards.put(entry.ref(), entry.shard());
            keys.add(key);
            entries.put(entry.ref(), new Stored(entry, keys).toBytes());
        }
        if (shards.isEmpty()) {
            blocks.delete(key);
        } else {
            blocks.put(key, joined(shards));
        }
        if (new HashSet<>(shards.values()).size() > 1 || shards.containsValue(UNKNOWN_SHARD) || open.get(key) != null) {
            dirty.put(key, MARK);
        }
    }

    /** Starts a sweep of the keys that changed since the last one. */
    private void sweep(long timestamp) {
        sweeping = true;
        slice(timestamp);
    }

    /**
     * Looks at dirty keys for what is left of this stream thread's slice, from where this sweep's last slice stopped;
     * ends the sweep when no key is left. The slice is the thread's, shared by the sweeps of all its tasks: the
     * thread spends at most {@link #SLICE} of every {@link #SLICE_EVERY} on sweeping, however many partitions it has.
     *
     * @param timestamp the punctuation's wall-clock time
     */
    private void slice(long timestamp) {
        long[] share = THREAD_SHARE.get();
        if (timestamp < share[0] || timestamp - share[0] >= SLICE_EVERY.toMillis()) {
            share[0] = timestamp;
            share[1] = 0;
        }
        long left = SLICE.toNanos() - share[1];
        if (left <= 0) {
            return;
        }
        long start = System.nanoTime();
        try {
            sweepFor(start + left);
        } finally {
            share[1] += System.nanoTime() - start;
        }
    }

    private void sweepFor(long stopAt) {
        Instant now = clock.instant();
        while (true) {
            List<String> keys = dirtyKeysAfter(resumeAfter);
            if (keys.isEmpty() && resumeAfter == null) {
                sweeping = false;
                return;
            }
            if (keys.isEmpty()) {
                resumeAfter = null;
                continue;
            }
            for (String key : keys) {
                reconcile(key, now);
                dirty.delete(key);
                resumeAfter = key;
                if (System.nanoTime() > stopAt) {
                    return;
                }
            }
        }
    }

    /** The next dirty keys after {@code after} (from the first when null), in order. */
    private List<String> dirtyKeysAfter(String after) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = after == null ? dirty.all() : dirty.range(after, null)) {
            while (it.hasNext() && keys.size() < KEYS_AT_A_TIME) {
                String key = it.next().key;
                if (!key.equals(after)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    private void reconcile(String key, Instant now) {
        List<SweepEntry> present = new ArrayList<>();
        for (String ref : shardsByRef(blocks.get(key)).keySet()) {
            Stored stored = stored(ref);
            if (stored != null) {
                present.add(stored.entry());
            }
        }
        Map<String, Set<String>> sweepKeys = new HashMap<>();
        Map<String, Conflict> wanted = new TreeMap<>();
        for (int i = 0; i < present.size(); i++) {
            for (int j = i + 1; j < present.size(); j++) {
                candidate(key, present.get(i), present.get(j), sweepKeys, now).ifPresent(c -> wanted.put(c.getConflictId(), c));
            }
        }
        Map<String, Conflict> before = openOf(key);
        for (Conflict old : before.values()) {
            if (!wanted.containsKey(old.getConflictId())) {
                String decision = decisionBetween(old);
                context.forward(new Record<>(old.getConflictId(), Conflict.newBuilder(old)
                        .setStatus(decision == null ? ConflictStatus.WITHDRAWN : ConflictStatus.RESOLVED)
                        .setDecisionId(decision)
                        .setDetectedAt(now)
                        .build(), context.currentSystemTimeMs()));
            }
        }
        for (Conflict fresh : wanted.values()) {
            Conflict old = before.get(fresh.getConflictId());
            if (old == null || !Arrays.equals(CONFLICTS.encode(Conflict.newBuilder(fresh).setDetectedAt(old.getDetectedAt()).build()),
                    CONFLICTS.encode(old))) {
                context.forward(new Record<>(fresh.getConflictId(), fresh, context.currentSystemTimeMs()));
            } else {
                wanted.put(fresh.getConflictId(), old);
            }
        }
        if (wanted.isEmpty()) {
            open.delete(key);
        } else {
            open.put(key, conflictsToBytes(wanted.values()));
        }
    }

    /**
     * The question about two records of one sweep key, when there is one and this key owns it.
     *
     * @param sweepKeys each record's sweep keys as far as computed, by ref
     */
    private Optional<Conflict> candidate(String key, SweepEntry x, SweepEntry y, Map<String, Set<String>> sweepKeys,
                                         Instant now) {
        SweepEntry a = x.ref().compareTo(y.ref()) <= 0 ? x : y;
        SweepEntry b = a == x ? y : x;
        if (a.shard().equals(b.shard()) || a.decided().containsKey(b.ref()) || b.decided().containsKey(a.ref())) {
            return Optional.empty();
        }
        Set<String> shared = new TreeSet<>(sweepKeys.computeIfAbsent(a.ref(), r -> SweepKeys.of(a.record())));
        shared.retainAll(sweepKeys.computeIfAbsent(b.ref(), r -> SweepKeys.of(b.record())));
        if (shared.isEmpty() || !shared.iterator().next().equals(key)) {
            return Optional.empty();
        }
        MatchVerdict verdict = matcher.compare(a.record(), b.record());
        if (verdict.decision() != Decision.MATCH && verdict.decision() != Decision.REVIEW) {
            return Optional.empty();
        }
        String id = conflictId(key, a.ref(), b.ref());
        return Optional.of(Conflict.newBuilder()
                .setConflictId(id)
                .setKind(ConflictKind.CROSS_SHARD_CANDIDATE)
                .setStatus(ConflictStatus.OPEN)
                .setPersonId(a.personId())
                .setOtherPersonId(b.personId())
                .setField(RecordReviews.BIRTH_DATE)
                .setCandidates(List.of(new CandidateValue(ShardKey.of(a.record()), provenance(a.record())),
                        new CandidateValue(ShardKey.of(b.record()), provenance(b.record()))))
                .setScore(verdict.score())
                .setEvidence(verdict.evidence())
                .setGrid(grid(a.record(), b.record()))
                .setDetectedAt(now)
                .build());
    }

    /** The decision a reviewer made about the two records of a conflict, as far as this sweep knows; or null. */
    private String decisionBetween(Conflict conflict) {
        List<CandidateValue> candidates = conflict.getCandidates();
        if (candidates.size() != 2) {
            return null;
        }
        String a = ref(candidates.get(0).getProvenance());
        String b = ref(candidates.get(1).getProvenance());
        Stored sa = stored(a);
        Stored sb = stored(b);
        if (sa != null && sa.entry().decided().containsKey(b)) {
            return sa.entry().decided().get(b);
        }
        return sb != null ? sb.entry().decided().get(a) : null;
    }

    /** Stable while the pair and the key asking about it stay; carries no personal data. */
    static String conflictId(String key, String refA, String refB) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((key + "\n" + refA + "\n" + refB).getBytes(StandardCharsets.UTF_8));
            return "XS/" + HexFormat.of().withUpperCase().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static GridRef grid(SourcePerson a, SourcePerson b) {
        if (a.getAddress() != null && a.getAddress().getGrid() != null) {
            return a.getAddress().getGrid();
        }
        return b.getAddress() == null ? null : b.getAddress().getGrid();
    }

    private static Provenance provenance(SourcePerson record) {
        return new Provenance(record.getConnector(), record.getSourceKey(), record.getSourceTime(), null);
    }

    private static String ref(Provenance provenance) {
        return provenance.getConnector() + "/" + provenance.getSourceKey();
    }

    private Stored stored(String ref) {
        byte[] bytes = entries.get(ref);
        return bytes == null ? null : Stored.fromBytes(bytes);
    }

    private Map<String, Conflict> openOf(String key) {
        byte[] bytes = open.get(key);
        Map<String, Conflict> conflicts = new LinkedHashMap<>();
        if (bytes == null) {
            return conflicts;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                byte[] body = new byte[in.readInt()];
                in.readFully(body);
                Conflict c = CONFLICTS.decode(body);
                conflicts.put(c.getConflictId(), c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return conflicts;
    }

    private static byte[] conflictsToBytes(Collection<Conflict> conflicts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(conflicts.size());
            for (Conflict c : conflicts) {
                byte[] body = CONFLICTS.encode(c);
                out.writeInt(body.length);
                out.write(body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A sweep key's records and their shards: one line per record, {@code ref TAB shard}, in ref order. A line
     * without a shard (written before shards were kept) counts as {@link #UNKNOWN_SHARD}, so its key is looked at.
     */
    private static Map<String, String> shardsByRef(byte[] bytes) {
        Map<String, String> shards = new TreeMap<>();
        if (bytes == null || bytes.length == 0) {
            return shards;
        }
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            int tab = line.indexOf('\t');
            shards.put(tab < 0 ? line : line.substring(0, tab), tab < 0 ? UNKNOWN_SHARD : line.substring(tab + 1));
        }
        return shards;
    }

    private static byte[] joined(Map<String, String> shards) {
        StringBuilder text = new StringBuilder();
        shards.forEach((ref, shard) -> text.append(text.length() == 0 ? "" : "\n").append(ref).append('\t').append(shard));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A record's entry and the sweep keys of this partition it is listed under. */
    private record Stored(SweepEntry entry, Set<String> keys) {

        byte[] toBytes() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(keys.size());
                for (String key : keys) {
                    out.writeUTF(key);
                }
                out.write(entry.toBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        static Stored fromBytes(byte[] data) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                int n = in.readInt();
                Set<String> keys = new TreeSet<>();
                for (int i = 0; i < n; i++) {
                    keys.add(in.readUTF());
                }
                return new Stored(SweepEntry.fromBytes(in.readAllBytes()), keys);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

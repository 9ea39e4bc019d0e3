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
 * <p>A sweep stops after half its interval (at most {@link #MAX_SWEEP}) and leaves the rest for the next, so a bulk
 * load delays questions but never holds up resolution. Nothing here is a wall-clock assertion: the timing only
 * decides when questions appear, never what they are.
 */
final class CrossShardSweep implements Processor<String, SweepEntry, String, Conflict> {

    static final String BLOCKS_STORE = "resolver-sweep-blocks";
    static final String ENTRIES_STORE = "resolver-sweep-entries";
    static final String DIRTY_STORE = "resolver-sweep-dirty";
    static final String OPEN_STORE = "resolver-sweep-open";
    static final List<String> STORES = List.of(BLOCKS_STORE, ENTRIES_STORE, DIRTY_STORE, OPEN_STORE);

    static final Duration MAX_SWEEP = Duration.ofSeconds(5);
    private static final byte[] MARK = new byte[0];
    private static final AvroSerde<Conflict> CONFLICTS = AvroSerde.of(Conflict.class);

    private final Matcher matcher;
    private final Duration interval;
    private final Clock clock;
    private ProcessorContext<String, Conflict> context;
    private KeyValueStore<String, byte[]> blocks;
    private KeyValueStore<String, byte[]> entries;
    private KeyValueStore<String, byte[]> dirty;
    private KeyValueStore<String, byte[]> open;
    /** Where the last sweep stopped, so that a busy stream of changes cannot starve the keys after it. */
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
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> sweep());
    }

    @Override
    public void process(Record<String, SweepEntry> record) {
        String key = record.key();
        SweepEntry entry = record.value();
        if (key == null || entry == null) {
            return;
        }
        TreeSet<String> refs = new TreeSet<>(lines(blocks.get(key)));
        Stored stored = stored(entry.ref());
        Set<String> keys = new TreeSet<>(stored == null ? Set.of() : stored.keys());
        if (entry.retracted()) {
            refs.remove(entry.ref());
            keys.remove(key);
            if (keys.isEmpty()) {
                entries.delete(entry.ref());
            } else {
                entries.put(entry.ref(), new Stored(stored.entry(), keys).toBytes());
            }
        } else {
            refs.add(entry.ref());
            keys.add(key);
            entries.put(entry.ref(), new Stored(entry, keys).toBytes());
        }
        if (refs.isEmpty()) {
            blocks.delete(key);
        } else {
            blocks.put(key, joined(refs));
        }
        dirty.put(key, MARK);
    }

    /** Looks at the keys that changed, until done or out of time. */
    void sweep() {
        long stopAt = System.nanoTime() + Math.min(interval.toNanos() / 2, MAX_SWEEP.toNanos());
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = dirty.all()) {
            while (all.hasNext()) {
                keys.add(all.next().key);
            }
        }
        if (resumeAfter != null) {
            List<String> after = keys.stream().filter(k -> k.compareTo(resumeAfter) > 0).toList();
            List<String> before = keys.stream().filter(k -> k.compareTo(resumeAfter) <= 0).toList();
            keys = new ArrayList<>(after);
            keys.addAll(before);
        }
        Instant now = clock.instant();
        for (String key : keys) {
            if (System.nanoTime() > stopAt) {
                return;
            }
            reconcile(key, now);
            dirty.delete(key);
            resumeAfter = key;
        }
        resumeAfter = null;
    }

    private void reconcile(String key, Instant now) {
        List<SweepEntry> present = new ArrayList<>();
        for (String ref : lines(blocks.get(key))) {
            Stored stored = stored(ref);
            if (stored != null) {
                present.add(stored.entry());
            }
        }
        Map<String, Conflict> wanted = new TreeMap<>();
        for (int i = 0; i < present.size(); i++) {
            for (int j = i + 1; j < present.size(); j++) {
                candidate(key, present.get(i), present.get(j), now).ifPresent(c -> wanted.put(c.getConflictId(), c));
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

    /** The question about two records of one sweep key, when there is one and this key owns it. */
    private Optional<Conflict> candidate(String key, SweepEntry x, SweepEntry y, Instant now) {
        SweepEntry a = x.ref().compareTo(y.ref()) <= 0 ? x : y;
        SweepEntry b = a == x ? y : x;
        if (a.shard().equals(b.shard()) || a.decided().containsKey(b.ref()) || b.decided().containsKey(a.ref())) {
            return Optional.empty();
        }
        Set<String> shared = new TreeSet<>(SweepKeys.of(a.record()));
        shared.retainAll(SweepKeys.of(b.record()));
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

    private static List<String> lines(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return List.of();
        }
        return List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
    }

    private static byte[] joined(Set<String> refs) {
        return String.join("\n", refs).getBytes(StandardCharsets.UTF_8);
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

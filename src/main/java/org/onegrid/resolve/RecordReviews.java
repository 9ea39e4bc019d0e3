package org.onegrid.resolve;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.resolve.cluster.ClusterResolver;
import org.onegrid.resolve.cluster.Refs;
import org.onegrid.resolve.match.ShardKey;
import org.onegrid.schema.RecordRef;
import org.onegrid.schema.ReviewVerdict;
import org.onegrid.schema.ReviewerDecision;
import org.onegrid.schema.SourcePerson;

/**
 * The reviewer decisions concerning one source record, as the shard router keeps them (key: the record's ref): the
 * latest decision per subject (per other record, per field), in the order they arrived, each with the state of the
 * birth-date correction it may carry. The router sends them to the record's shard after the record whenever the
 * record enters a shard, so a shard always holds the decisions about its records, whatever order they came in.
 */
final class RecordReviews {

    /** Where a decision's birth-date correction stands for this record. */
    enum Correction {
        /** The decision corrects nothing. */
        NONE,
        /** Not yet looked at: the record was unknown when the decision came. */
        UNDECIDED,
        /** The record's birth date {@code replaces} is wrong and is replaced by the decision's value. */
        APPLIES,
        /** The record already has the right date, or a valid ID number vouches for its own. */
        NOT_NEEDED,
        /** The department has since changed the birth date the correction replaced: its newer word counts. */
        LAPSED
    }

    /** One decision and its correction state; {@code replaces} is the corrected birth date as text ("" for none). */
    record Entry(ReviewerDecision decision, Correction correction, String replaces) {
    }

    static final String BIRTH_DATE = "birthDate";
    private static final String CORRECTED_FLAG = ClusterResolver.BIRTH_DATE_CORRECTED_FLAG;

    private static final int FORMAT = 1;
    private static final AvroSerde<ReviewerDecision> DECISIONS = AvroSerde.of(ReviewerDecision.class);

    private final List<Entry> entries;

    RecordReviews(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static RecordReviews none() {
        return new RecordReviews(List.of());
    }

    List<Entry> entries() {
        return entries;
    }

    /** True when exactly this decision is already kept. */
    boolean has(ReviewerDecision decision) {
        return entries.stream().anyMatch(e -> e.decision().equals(decision));
    }

    /** With {@code decision} added, replacing any earlier decision about the same subject. */
    RecordReviews with(ReviewerDecision decision, String ownRef) {
        String subject = subject(decision, ownRef);
        List<Entry> kept = new ArrayList<>();
        for (Entry e : entries) {
            if (!subject(e.decision(), ownRef).equals(subject)) {
                kept.add(e);
            }
        }
        boolean corrects = decision.getVerdict() == ReviewVerdict.SAME && BIRTH_DATE.equals(decision.getField());
        kept.add(new Entry(decision, corrects ? Correction.UNDECIDED : Correction.NONE, ""));
        return new RecordReviews(kept);
    }

    /**
     * The record as the resolver should see it: birth date corrected by the decisions that apply. Settles the
     * state of corrections not looked at yet and lapses those whose department changed the date; returns the
     * record and the updated reviews.
     */
    Corrected correct(SourcePerson record) {
        List<Entry> updated = new ArrayList<>();
        SourcePerson result = record;
        String stated = record.getBirthDate() == null ? "" : record.getBirthDate().toString();
        for (Entry e : entries) {
            Entry now = e;
            String value = e.decision().getValue();
            if (e.correction() == Correction.UNDECIDED) {
                boolean right = value.equals(ShardKey.of(record));
                // A valid ID number's check character vouches for the date it encodes: a reviewer cannot move it.
                now = new Entry(e.decision(), right || record.getIdNumber() != null ? Correction.NOT_NEEDED
                        : Correction.APPLIES, stated);
            } else if (e.correction() == Correction.APPLIES && !e.replaces().equals(stated)) {
                now = new Entry(e.decision(), Correction.LAPSED, e.replaces());
            }
            if (now.correction() == Correction.APPLIES) {
                List<String> flags = new ArrayList<>(result.getFlags());
                flags.removeIf(f -> f.startsWith(CORRECTED_FLAG));
                flags.add(CORRECTED_FLAG + ":" + e.decision().getDecisionId());
                result = SourcePerson.newBuilder(result)
                        .setBirthDate(LocalDate.parse(value))
                        .setFlags(flags)
                        .build();
            }
            updated.add(now);
        }
        return new Corrected(result, new RecordReviews(updated));
    }

    /** A record after corrections, and the reviews with their correction states settled. */
    record Corrected(SourcePerson record, RecordReviews reviews) {
    }

    private static String subject(ReviewerDecision decision, String ownRef) {
        if (decision.getVerdict() == ReviewVerdict.RIGHT_VALUE) {
            return "field:" + decision.getField();
        }
        String a = ref(decision.getRecord());
        return "record:" + (a.equals(ownRef) ? ref(decision.getOtherRecord()) : a);
    }

    static String ref(RecordRef record) {
        return Refs.of(record.getConnector(), record.getSourceKey());
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(entries.size());
            for (Entry e : entries) {
                byte[] decision = DECISIONS.encode(e.decision());
                out.writeInt(decision.length);
                out.write(decision);
                out.writeUTF(e.correction().name());
                out.writeUTF(e.replaces());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static RecordReviews fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown record reviews format " + format);
            }
            int n = in.readInt();
            List<Entry> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] decision = new byte[in.readInt()];
                in.readFully(decision);
                entries.add(new Entry(DECISIONS.decode(decision), Correction.valueOf(in.readUTF()), in.readUTF()));
            }
            return new RecordReviews(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

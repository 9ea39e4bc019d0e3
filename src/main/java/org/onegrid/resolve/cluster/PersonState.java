package org.onegrid.resolve.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.onegrid.schema.PersonStatus;

/**
 * What the resolver remembers about one person id: whether it is current, where it was merged to,
 * when it was created (its age decides which id survives a merge), its member records and the ids
 * of its open conflicts. The id itself is the key in {@link ClusterStore#persons()}.
 *
 * @param personId the person id
 * @param status ACTIVE, MERGED or RETIRED
 * @param mergedInto for MERGED: the id that now carries the person; otherwise null
 * @param created creation sequence number in the shard; lower is older
 * @param members refs of the member records, sorted; empty unless ACTIVE
 * @param conflicts ids of open conflicts concerning this person, sorted
 */
public record PersonState(String personId, PersonStatus status, String mergedInto, long created,
        List<String> members, List<String> conflicts) {

    private static final int FORMAT = 1;

    public PersonState {
        members = List.copyOf(new TreeSet<>(members));
        conflicts = List.copyOf(new TreeSet<>(conflicts));
    }

    static PersonState created(String personId, long created, List<String> members) {
        return new PersonState(personId, PersonStatus.ACTIVE, null, created, members, List.of());
    }

    boolean active() {
        return status == PersonStatus.ACTIVE;
    }

    PersonState withMembers(List<String> newMembers) {
        return new PersonState(personId, status, mergedInto, created, newMembers, conflicts);
    }

    PersonState withConflicts(List<String> newConflicts) {
        return new PersonState(personId, status, mergedInto, created, members, newConflicts);
    }

    PersonState mergedInto(String survivor) {
        return new PersonState(personId, PersonStatus.MERGED, survivor, created, List.of(), conflicts);
    }

    PersonState retired() {
        return new PersonState(personId, PersonStatus.RETIRED, null, created, List.of(), conflicts);
    }

    /** Encodes the state for a byte-oriented store (a Kafka Streams serde wraps this and {@link #fromBytes}). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(personId);
            out.writeUTF(status.name());
            out.writeBoolean(mergedInto != null);
            if (mergedInto != null) {
                out.writeUTF(mergedInto);
            }
            out.writeLong(created);
            writeList(out, members);
            writeList(out, conflicts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static PersonState fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown person state format " + format);
            }
            String personId = in.readUTF();
            PersonStatus status = PersonStatus.valueOf(in.readUTF());
            String mergedInto = in.readBoolean() ? in.readUTF() : null;
            long created = in.readLong();
            List<String> members = readList(in);
            List<String> conflicts = readList(in);
            return new PersonState(personId, status, mergedInto, created, members, conflicts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeList(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            out.writeUTF(s);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(in.readUTF());
        }
        return list;
    }
}

package org.onegrid.resolve;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.schema.SourcePerson;

/**
 * What the cross-shard sweep knows of one source record, sent by the shard resolver under each of the record's
 * sweep keys: its shard, its person, the record itself, and the records a reviewer has decided about together with
 * it (ref → decision id), so the sweep asks no question a reviewer has answered. A retraction ({@code record} null)
 * takes the record off one sweep key.
 *
 * @param ref the record's ref
 * @param shard the shard the record is in
 * @param personId its person; null for a retraction
 * @param record the record as resolved; null for a retraction
 * @param decided refs of records decided about together with this one → the decision's id
 */
record SweepEntry(String ref, String shard, String personId, SourcePerson record, Map<String, String> decided) {

    private static final int FORMAT = 1;
    private static final AvroSerde<SourcePerson> RECORDS = AvroSerde.of(SourcePerson.class);

    SweepEntry {
        decided = Map.copyOf(decided);
    }

    static SweepEntry retraction(String ref) {
        return new SweepEntry(ref, "", null, null, Map.of());
    }

    boolean retracted() {
        return record == null;
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(ref);
            out.writeUTF(shard);
            out.writeBoolean(record != null);
            if (record != null) {
                out.writeUTF(personId);
                byte[] body = RECORDS.encode(record);
                out.writeInt(body.length);
                out.write(body);
            }
            Map<String, String> sorted = new TreeMap<>(decided);
            out.writeInt(sorted.size());
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SweepEntry fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown sweep entry format " + format);
            }
            String ref = in.readUTF();
            String shard = in.readUTF();
            String personId = null;
            SourcePerson record = null;
            if (in.readBoolean()) {
                personId = in.readUTF();
                byte[] body = new byte[in.readInt()];
                in.readFully(body);
                record = RECORDS.decode(body);
            }
            int n = in.readInt();
            Map<String, String> decided = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                decided.put(in.readUTF(), in.readUTF());
            }
            return new SweepEntry(ref, shard, personId, record, decided);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The serde of the resolver's internal sweep topic. */
    static Serde<SweepEntry> serde() {
        Serializer<SweepEntry> serializer = (topic, entry) -> entry == null ? null : entry.toBytes();
        Deserializer<SweepEntry> deserializer = (topic, data) -> data == null ? null : fromBytes(data);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}

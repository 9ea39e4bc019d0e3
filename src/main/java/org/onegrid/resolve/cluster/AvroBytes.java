package org.onegrid.resolve.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Equality of Avro records by their binary encoding. The generated equals() falls back to generic
 * comparison inside copied or decoded arrays, which does not know logical types (timestamps in
 * provenance) and fails; the encoding is exact and knows them.
 */
final class AvroBytes {

    private AvroBytes() {
    }

    static boolean same(SpecificRecordBase a, SpecificRecordBase b) {
        return a.getSchema().equals(b.getSchema()) && Arrays.equals(encode(a), encode(b));
    }

    private static byte[] encode(SpecificRecordBase record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<SpecificRecordBase>(record.getSchema(), record.getSpecificData())
                    .write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package org.onegrid.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.SourcePerson;
import org.onegrid.testing.Records;

class AvroSerdeTest {

    private static final List<SpecificRecord> EXAMPLES = List.of(Records.raw(), Records.source(), Records.golden(),
            Records.link(), Records.conflict(), Records.rejected());

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void roundTripsARecordOfEveryTopicSchema() {
        for (SpecificRecord record : EXAMPLES) {
            AvroSerde serde = AvroSerde.of((Class) record.getClass());
            // Compared as JSON text: Avro's equals() fails on logical types inside arrays of unions.
            assertThat(serde.decode(serde.encode(record))).hasToString(record.toString());
        }
    }

    @Test
    void aConsumerWithOnlyTheReleasedSchemaFileDecodesTheWireFormat() throws IOException {
        byte[] wire = AvroSerde.of(SourcePerson.class).encode(Records.source());
        Schema fromFile = new Schema.Parser().parse(Path.of("schemas/released/v1/SourcePerson.avsc").toFile());

        assertThat(wire[0]).isEqualTo((byte) 0xC3);
        assertThat(wire[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(wire, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(fromFile));
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(fromFile)
                .read(null, DecoderFactory.get().binaryDecoder(wire, 10, wire.length - 10, null));
        assertThat(decoded.get("name").toString()).isEqualTo("陈晓明");
        assertThat(decoded.get("sourceKey").toString()).isEqualTo("42");
    }

    @Test
    void keepsTombstonesNull() {
        AvroSerde<GoldenPerson> serde = AvroSerde.of(GoldenPerson.class);
        assertThat(serde.serialize("onegrid.person.golden", null)).isNull();
        assertThat(serde.deserialize("onegrid.person.golden", null)).isNull();
    }

    @Test
    void rejectsBytesThatAreNotASingleObjectEncodedRecord() {
        AvroSerde<GoldenPerson> serde = AvroSerde.of(GoldenPerson.class);
        assertThatThrownBy(() -> serde.deserialize("onegrid.person.golden", "{\"json\":true}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("onegrid.person.golden");
    }

    @Test
    void refusesASerdeOfAnotherTypeThanTheTopicCarries() {
        assertThatThrownBy(() -> Topics.GOLDEN.valueSerde(SourcePerson.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GoldenPerson");
    }
}

package org.onegrid.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.mapping.RawRecords.aRawRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.backbone.Topics;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.SourcePerson;
import org.onegrid.schema.Stage;

class MappingTopologyTest {

    private TopologyTestDriver driver;
    private TestOutputTopic<String, SourcePerson> persons;
    private TestOutputTopic<String, RejectedRecord> rejected;

    @BeforeEach
    void start() throws IOException {
        Map<String, Mapper> mappers = Map.of(
                "health", Mapper.of(MappingDefinition.parse("health", GoldenFilesTest.mappingBlock("health")),
                        GoldenFilesTest.register(), GoldenFilesTest.TODAY),
                "party", Mapper.of(MappingDefinition.parse("party", GoldenFilesTest.mappingBlock("party")),
                        GoldenFilesTest.register(), GoldenFilesTest.TODAY));
        Properties config = MappingStage.streamsConfig(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"),
                "mapping-test");
        driver = new TopologyTestDriver(MappingTopology.build(mappers, GoldenFilesTest.TODAY), config);
        persons = driver.createOutputTopic(Topics.SOURCE.name(), Serdes.String().deserializer(),
                AvroSerde.of(SourcePerson.class));
        rejected = driver.createOutputTopic(Topics.rejected(Duration.ofDays(30)).name(), Serdes.String().deserializer(),
                AvroSerde.of(RejectedRecord.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private TestInputTopic<String, RawRecord> raw(String connector) {
        return driver.createInputTopic(Topics.raw(connector).name(), Serdes.String().serializer(),
                AvroSerde.of(RawRecord.class));
    }

    @Test
    void writesTheStandardizedPersonKeyedByConnectorAndSourceKey() {
        raw("health").pipeInput("HP1", aRawRecord().from("health").key("HP1").column("name", "陳曉明")
                .column("idCard", "360502198503021232").build());
        List<KeyValue<String, SourcePerson>> out = persons.readKeyValuesToList();
        assertThat(out).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("health/HP1");
            assertThat(kv.value.getName()).isEqualTo("陈晓明");
        });
        assertThat(rejected.isEmpty()).isTrue();
    }

    @Test
    void readsEveryRawTopicAndPicksTheMapperByTheRecordsConnector() {
        raw("health").pipeInput("HP1", aRawRecord().from("health").key("HP1").column("name", "张伟").build());
        raw("party").pipeInput("7", aRawRecord().from("party").key("7").column("姓名", "李娜").build());
        assertThat(persons.readKeyValuesToMap()).containsOnlyKeys("health/HP1", "party/7");
    }

    @Test
    void rejectsWithStageMappingAndTheOriginalPayloadAndWithdrawsTheKey() {
        RawRecord bad = aRawRecord().from("health").key("HP9").payloadText("{\"name\": ").build();
        raw("health").pipeInput("HP9", bad);
        KeyValue<String, RejectedRecord> r = rejected.readKeyValue();
        assertThat(r.key).isEqualTo("health/HP9");
        assertThat(r.value.getReason()).isEqualTo("PAYLOAD_NOT_JSON");
        assertThat(r.value.getStage()).isEqualTo(Stage.MAPPING);
        assertThat(r.value.getConnector()).isEqualTo("health");
        assertThat(r.value.getSourceKey()).isEqualTo("HP9");
        assertThat(r.value.getSourcePosition()).isEqualTo("test:1");
        assertThat(r.value.getOriginalPayload()).isEqualTo(bad.getPayload());
        assertThat(r.value.getRejectedAt()).isEqualTo(GoldenFilesTest.TODAY.instant());
        SourcePerson withdrawal = persons.readValue();
        assertThat(withdrawal.getDeleted()).isTrue();
        assertThat(withdrawal.getFlags()).containsExactly("WITHDRAWN_BY_REJECTION");
    }

    @Test
    void rejectsARecordOfAConnectorWithoutMapping() {
        raw("emergency").pipeInput("E1", aRawRecord().from("emergency").key("E1").column("XM", "张伟").build());
        assertThat(rejected.readValue().getReason()).isEqualTo("MAPPING_UNKNOWN_CONNECTOR");
    }

    @Test
    void rejectsAValueThatIsNoRawRecordInsteadOfStopping() {
        driver.createInputTopic(Topics.raw("health").name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer()).pipeInput("HP5", "garbage".getBytes(StandardCharsets.UTF_8));
        raw("health").pipeInput("HP6", aRawRecord().from("health").key("HP6").column("name", "张伟").build());
        RejectedRecord r = rejected.readValue();
        assertThat(r.getReason()).isEqualTo("RAW_UNDECODABLE");
        assertThat(r.getConnector()).isEqualTo("health");
        assertThat(r.getSourceKey()).isEqualTo("HP5");
        assertThat(new String(r.getOriginalPayload().array(), StandardCharsets.UTF_8)).isEqualTo("garbage");
        assertThat(persons.readKeyValuesToMap()).containsOnlyKeys("health/HP5", "health/HP6");
    }

    @Test
    void mapsADeleteAndSkipsTheTombstoneAfterIt() {
        TestInputTopic<String, RawRecord> health = raw("health");
        health.pipeInput("HP1", aRawRecord().from("health").key("HP1").operation(Operation.DELETE).build());
        health.pipeInput("HP1", (RawRecord) null);
        List<SourcePerson> out = persons.readValuesToList();
        assertThat(out).singleElement().satisfies(p -> assertThat(p.getDeleted()).isTrue());
        assertThat(rejected.isEmpty()).isTrue();
    }

    @Test
    void replayingTheRawTopicReproducesTheSourceTopic() {
        TestInputTopic<String, RawRecord> health = raw("health");
        List<RawRecord> records = List.of(
                aRawRecord().from("health").key("HP1").column("name", "陈晓明").column("gender", "M").build(),
                aRawRecord().from("health").key("HP2").column("name", "李娜").column("birthDate", "1990/1/2").build(),
                aRawRecord().from("health").key("HP1").column("name", "陈晓明").column("gender", "F").build());
        records.forEach(r -> health.pipeInput(r.getSourceKey(), r));
        Map<String, SourcePerson> first = persons.readKeyValuesToMap();
        records.forEach(r -> health.pipeInput(r.getSourceKey(), r));
        assertThat(persons.readKeyValuesToMap()).isEqualTo(first);
    }
}

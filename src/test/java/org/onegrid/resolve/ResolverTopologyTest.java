package org.onegrid.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.testing.SourcePersonBuilder.aPerson;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.backbone.Topics;
import org.onegrid.resolve.cluster.Survivorship;
import org.onegrid.resolve.match.ScoringMatcher;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonLink;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.SourcePerson;

/** The resolver's topology end to end, on Streams' test driver: source records in, golden table and links out. */
class ResolverTopologyTest {

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, SourcePerson> source;
    private TestOutputTopic<String, GoldenPerson> golden;
    private TestOutputTopic<String, PersonLink> links;

    @BeforeEach
    void start() {
        driver = newDriver(stateDir.resolve("a"));
        source = driver.createInputTopic(Topics.SOURCE.name(), new StringSerializer(), Topics.SOURCE.valueSerde(SourcePerson.class));
        golden = driver.createOutputTopic(Topics.GOLDEN.name(), new StringDeserializer(), Topics.GOLDEN.valueSerde(GoldenPerson.class));
        links = driver.createOutputTopic(Topics.LINKS.name(), new StringDeserializer(), Topics.LINKS.valueSerde(PersonLink.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void mergesOneResidentRecordedByTwoDepartmentsIntoOneGoldenRecord() {
        send(aPerson().from("public-security", "ps-1").named("陈晓明", "chen xiao ming").born("1985-03-02").withIdSequence(101)
                .withPhone("13800138000").build());
        send(aPerson().from("civil-affairs", "ca-9").named("陈小明", "chen xiao ming").born("1985-03-02").withIdSequence(101)
                .livingAt("阳光花园", "3", "2", "401").build());

        Map<String, GoldenPerson> table = goldenTable();
        assertThat(active(table)).hasSize(1);
        GoldenPerson person = active(table).get(0);
        assertThat(person.getSources()).extracting(p -> p.getConnector() + "/" + p.getSourceKey())
                .containsExactlyInAnyOrder("public-security/ps-1", "civil-affairs/ca-9");
        assertThat(person.getAddress().getValue().getEstate()).isEqualTo("阳光花园");
        Map<String, PersonLink> linkTable = linkTable();
        assertThat(linkTable.get("civil-affairs/ca-9").getPersonId()).isEqualTo(person.getPersonId());
        assertThat(linkTable.get("public-security/ps-1").getPersonId()).isEqualTo(person.getPersonId());
    }

    @Test
    void keepsTwinsWithDifferentIdNumbersApart() {
        send(aPerson().from("public-security", "t1").named("王丽", "wang li").born("2001-06-01").female().withIdSequence(102)
                .livingAt("锦绣家园", "5", "1", "201").build());
        send(aPerson().from("public-security", "t2").named("王莉", "wang li").born("2001-06-01").female().withIdSequence(104)
                .livingAt("锦绣家园", "5", "1", "201").build());

        assertThat(active(goldenTable())).hasSize(2);
    }

    @Test
    void findsTheSamePersonWithoutAnIdByNamePhoneAndBirthDate() {
        send(aPerson().from("public-security", "ps-2").named("李娜", "li na").born("1990-11-20").female().withIdSequence(222)
                .withPhone("13912345678").build());
        send(aPerson().from("health", "h-5").named("李娜", "li na").born("1990-11-20").female()
                .withPhone("13912345678").build());

        assertThat(active(goldenTable())).hasSize(1);
    }

    @Test
    void movesARecordToItsNewShardWhenItsBirthDateIsCorrected() {
        send(aPerson().from("public-security", "ps-3").named("张伟", "zhang wei").born("1970-05-06").male().withIdSequence(135)
                .withPhone("13700001111").build());
        send(aPerson().from("health", "h-7").named("张伟", "zhang wei").born("1970-06-05").male().withPhone("13700001111").build());
        assertThat(active(goldenTable())).as("a mistyped birth date puts the record in another shard").hasSize(2);

        send(aPerson().from("health", "h-7").named("张伟", "zhang wei").born("1970-05-06").male().withPhone("13700001111").build());

        Map<String, GoldenPerson> table = goldenTable();
        assertThat(active(table)).hasSize(1);
        assertThat(active(table).get(0).getSources()).hasSize(2);
        assertThat(table.values()).filteredOn(p -> p.getStatus() == PersonStatus.RETIRED).hasSize(1);
    }

    @Test
    void aDeleteWithdrawsOnlyThatDepartmentsContribution() {
        send(aPerson().from("public-security", "ps-4").named("刘洋", "liu yang").born("1988-08-08").withIdSequence(311).build());
        send(aPerson().from("civil-affairs", "ca-4").named("刘洋", "liu yang").born("1988-08-08").withIdSequence(311)
                .withPhone("13600002222").build());

        send(aPerson().from("civil-affairs", "ca-4").deleted().build());

        List<GoldenPerson> people = active(goldenTable());
        assertThat(people).hasSize(1);
        assertThat(people.get(0).getSources()).extracting(p -> p.getConnector()).containsExactly("public-security");
        assertThat(people.get(0).getPhones()).isEmpty();
        assertThat(linkTable().get("civil-affairs/ca-4").getPersonId()).isNull();
    }

    @Test
    void replayingTheSameInputGivesTheSamePersonIds() {
        List<SourcePerson> input = List.of(
                aPerson().from("public-security", "r1").named("赵敏", "zhao min").born("1999-01-15").withIdSequence(402).build(),
                aPerson().from("health", "r2").named("赵敏", "zhao min").born("1999-01-15").withPhone("13500003333").build(),
                aPerson().from("civil-affairs", "r3").named("赵敏", "zhao min").born("1999-01-15").withIdSequence(402)
                        .withPhone("13500003333").build());
        input.forEach(this::send);
        Map<String, GoldenPerson> first = goldenTable();

        try (TopologyTestDriver replay = newDriver(stateDir.resolve("b"))) {
            var replaySource = replay.createInputTopic(Topics.SOURCE.name(), new StringSerializer(),
                    Topics.SOURCE.valueSerde(SourcePerson.class));
            input.forEach(p -> replaySource.pipeInput(p.getConnector() + "/" + p.getSourceKey(), p));
            var replayGolden = replay.createOutputTopic(Topics.GOLDEN.name(), new StringDeserializer(),
                    Topics.GOLDEN.valueSerde(GoldenPerson.class));
            assertThat(replayGolden.readKeyValuesToMap().keySet()).isEqualTo(first.keySet());
        }
    }

    private static TopologyTestDriver newDriver(Path state) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "resolver-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        return new TopologyTestDriver(
                ResolverTopology.build(Sharding.BIRTH_DATE, new ScoringMatcher(), Survivorship.RECENCY_ONLY), config);
    }

    private void send(SourcePerson person) {
        source.pipeInput(person.getConnector() + "/" + person.getSourceKey(), person);
    }

    private Map<String, GoldenPerson> goldenTable() {
        return new LinkedHashMap<>(golden.readKeyValuesToMap());
    }

    private Map<String, PersonLink> linkTable() {
        return links.readKeyValuesToMap();
    }

    private static List<GoldenPerson> active(Map<String, GoldenPerson> table) {
        return table.values().stream().filter(p -> p.getStatus() == PersonStatus.ACTIVE).toList();
    }
}

package org.onegrid.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.testing.GoldenPersonBuilder.aGoldenPerson;
import static org.onegrid.testing.TestSubscribers.CHANGQING_1;
import static org.onegrid.testing.TestSubscribers.CHANGQING_2;
import static org.onegrid.testing.TestSubscribers.NANHU_1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.backbone.Topics;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonView;
import org.onegrid.security.RegionScope;
import org.onegrid.testing.GoldenPersonBuilder;
import org.onegrid.testing.TestSubscribers;

/** The publishing topology on Streams' test driver: golden records in, each subscriber's view out. */
class ViewTopologyTest {

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, GoldenPerson> golden;
    private TestOutputTopic<String, PersonView> streetOffice;
    private TestOutputTopic<String, PersonView> health;
    private TestOutputTopic<String, String> dashboard;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "view-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(ViewTopology.build(TestSubscribers.load()), config);
        golden = driver.createInputTopic(Topics.GOLDEN.name(), new StringSerializer(), Topics.GOLDEN.valueSerde(GoldenPerson.class));
        streetOffice = viewTopic("street-office");
        health = viewTopic("health-department");
        dashboard = driver.createOutputTopic(Topics.view("community-dashboard", true).name(), new StringDeserializer(),
                new StringDeserializer());
    }

    private TestOutputTopic<String, PersonView> viewTopic(String subscriber) {
        var spec = Topics.view(subscriber, false);
        return driver.createOutputTopic(spec.name(), new StringDeserializer(), spec.valueSerde(PersonView.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static GoldenPersonBuilder chen(long version) {
        return aGoldenPerson("P1").named("陈晓明").withId("36050219850302123X").female().born("1985-03-02")
                .withPhone("13812345678").withAttribute("chronic_conditions", "health", "高血压").version(version);
    }

    private void publish(GoldenPerson person) {
        golden.pipeInput(person.getPersonId(), person);
    }

    @Test
    void publishesEachSubscriberItsOwnCutOfAPerson() throws Exception {
        publish(chen(1).in(CHANGQING_1, "长青社区", "阳光花园", "3").build());

        PersonView office = streetOffice.readValue();
        assertThat(office.getIdNumber()).isEqualTo("360502********123X");
        assertThat(office.getPhones()).containsExactly("138****5678");
        assertThat(office.getAttributes()).isEmpty();
        PersonView city = health.readValue();
        assertThat(city.getIdNumber()).isEqualTo("36050219850302123X");
        assertThat(city.getAttributes()).extracting(a -> a.getValue()).containsExactly("高血压");
        JsonNode json = new ObjectMapper().readTree(dashboard.readValue());
        assertThat(json.get("personId").asText()).isEqualTo("P1");
        assertThat(json.get("name").asText()).isEqualTo("陈*明");
        assertThat(json.get("idNumber").isNull()).isTrue();
        assertThat(json.get("birthYear").asInt()).isEqualTo(1985);
    }

    @Test
    void retractsAPersonWhoMovesOutOfTheScopeAndPublishesThemAgainWhenTheyComeBack() {
        publish(chen(1).in(CHANGQING_1, "长青社区", "阳光花园", "3").build());
        publish(chen(2).in(NANHU_1, "南湖社区", "南湖小区", "1").build());
        publish(chen(3).in(CHANGQING_2, "长青社区", "阳光花园", "9").build());

        List<KeyValue<String, PersonView>> office = streetOffice.readKeyValuesToList();
        assertThat(office).extracting(kv -> kv.key).containsExactly("P1", "P1", "P1");
        assertThat(office.get(0).value.getGrid().getGrid()).isEqualTo(CHANGQING_1.getGrid());
        assertThat(office.get(1).value).as("a tombstone").isNull();
        assertThat(office.get(2).value.getGrid().getGrid()).isEqualTo(CHANGQING_2.getGrid());
        assertThat(health.readValuesToList()).hasSize(3).doesNotContainNull();
    }

    @Test
    void publishesNoTombstoneForAPersonTheViewNeverHeld() {
        publish(chen(1).in(NANHU_1, "南湖社区", "南湖小区", "1").build());
        publish(chen(2).in(NANHU_1, "南湖社区", "南湖小区", "2").build());

        assertThat(streetOffice.isEmpty()).isTrue();
        assertThat(dashboard.isEmpty()).isTrue();
        assertThat(health.readValuesToList()).hasSize(2);
    }

    @Test
    void retractsAnIdMergedIntoAnother() {
        publish(chen(1).in(CHANGQING_1, "长青社区", "阳光花园", "3").build());
        publish(chen(2).in(CHANGQING_1, "长青社区", "阳光花园", "3").mergedInto("P0").build());

        assertThat(streetOffice.readValuesToList()).hasSize(2).last().isNull();
        assertThat(health.readValuesToList()).hasSize(2).last().isNull();
    }

    @Test
    void doesNotPublishAnUnchangedViewAgain() {
        GoldenPerson person = chen(1).in(CHANGQING_1, "长青社区", "阳光花园", "3").build();
        publish(person);
        publish(person);

        assertThat(streetOffice.readValuesToList()).hasSize(1);
    }

    @Test
    void keepsTheQueryTableIndexedByRegionAsPeopleMove() {
        publish(chen(1).in(CHANGQING_1, "长青社区", "阳光花园", "3").build());
        publish(aGoldenPerson("P2").named("王丽").version(1).in(CHANGQING_1, "长青社区", "阳光花园", "4").build());
        publish(chen(2).in(NANHU_1, "南湖社区", "南湖小区", "1").build());

        PersonTable table = new PersonTable(() -> driver.getKeyValueStore(PersonTable.PERSONS),
                () -> driver.getKeyValueStore(PersonTable.INDEX));
        assertThat(table.in(RegionScope.Level.GRID, CHANGQING_1.getGrid())).extracting(GoldenPerson::getPersonId)
                .containsExactly("P2");
        assertThat(table.in(RegionScope.Level.STREET, NANHU_1.getStreet())).extracting(GoldenPerson::getPersonId)
                .containsExactly("P1");
        assertThat(table.in(RegionScope.Level.DISTRICT, "360502")).hasSize(2);
        assertThat(table.person("P1")).map(p -> p.getGrid().getGrid()).contains(NANHU_1.getGrid());
    }
}

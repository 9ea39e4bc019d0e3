package org.onegrid.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.backbone.Topics;
import org.onegrid.connector.TopicContents;
import org.onegrid.embedded.EmbeddedKafkaBroker;
import org.onegrid.embedded.population.PopulationSpec;
import org.onegrid.resolve.cluster.Survivorship;
import org.onegrid.resolve.match.ScoringMatcher;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonLink;
import org.onegrid.schema.SourcePerson;
import org.onegrid.testing.ChildJvm;
import org.onegrid.testing.FreePorts;

/**
 * Kill -9 during a load: the resolver runs exactly once, as the service runs it, in a process of its own on a real
 * broker, and is killed hard twice while it works through a generated city, then restarted on the same state
 * directory. The golden topic must end up with exactly what an uninterrupted run of the same topology over the same
 * input publishes: the same persons under the same ids, and every version of every golden record once, in order.
 *
 * <p>The source topic has one partition, so the order in which each shard sees its records is the input order in
 * both runs; person ids depend on that order (docs/resolution.md), and a crash must not change it.
 */
class ResolverCrashConvergenceTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration CONVERGENCE = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private EmbeddedKafkaBroker broker;
    private Process resolver;

    @AfterEach
    void stop() throws InterruptedException {
        if (resolver != null) {
            resolver.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void goldenTableAfterKillsMidLoadIsExactlyWhatAnUninterruptedRunPublishes() throws Exception {
        Map<String, SourcePerson> input = LabelledCity.sourceRecords(new PopulationSpec(23, 1500), dir.resolve("city"));
        Reference reference = uninterrupted(input);

        broker = EmbeddedKafkaBroker.start(FreePorts.next(), FreePorts.next(), dir.resolve("kafka"));
        resolver = startResolver(1);
        produce(input);

        for (int kill = 1; kill <= 2; kill++) {
            long before = read(Topics.GOLDEN.name(), Topics.GOLDEN.valueSerde(GoldenPerson.class)).size();
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(50)).until(() ->
                    read(Topics.GOLDEN.name(), Topics.GOLDEN.valueSerde(GoldenPerson.class)).size() > before);
            resolver.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(read(Topics.GOLDEN.name(), Topics.GOLDEN.valueSerde(GoldenPerson.class)))
                    .as("kill %d came while the city was still being resolved", kill)
                    .hasSizeLessThan(reference.publications());
            resolver = startResolver(kill + 1);
        }

        await().atMost(CONVERGENCE).pollInterval(Duration.ofSeconds(2)).until(() ->
                goldenVersions(read(Topics.GOLDEN.name(), Topics.GOLDEN.valueSerde(GoldenPerson.class)))
                        .equals(reference.goldens()));
        assertThat(linkTable(read(Topics.LINKS.name(), Topics.LINKS.valueSerde(PersonLink.class))))
                .isEqualTo(reference.links());
        assertThat(reference.goldens()).as("persons").hasSizeGreaterThan(1000);
    }

    /** What the topology publishes when nothing goes wrong: golden versions per person id, and the final links. */
    private record Reference(Map<String, List<String>> goldens, Map<String, String> links) {

        int publications() {
            return goldens.values().stream().mapToInt(List::size).sum();
        }
    }

    private Reference uninterrupted(Map<String, SourcePerson> input) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "uninterrupted");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("reference").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(ResolverTopology.build(Sharding.BIRTH_DATE,
                new ScoringMatcher(), Survivorship.RECENCY_ONLY, ResolverTopology.Storage.IN_MEMORY), config)) {
            var source = driver.createInputTopic(Topics.SOURCE.name(), new StringSerializer(),
                    Topics.SOURCE.valueSerde(SourcePerson.class));
            var golden = driver.createOutputTopic(Topics.GOLDEN.name(), new StringDeserializer(),
                    Topics.GOLDEN.valueSerde(GoldenPerson.class));
            var links = driver.createOutputTopic(Topics.LINKS.name(), new StringDeserializer(),
                    Topics.LINKS.valueSerde(PersonLink.class));
            input.forEach(source::pipeInput);
            Map<String, List<String>> goldens = new TreeMap<>();
            golden.readKeyValuesToList().forEach(kv -> goldens.computeIfAbsent(kv.key, k -> new ArrayList<>())
                    .add(comparable(kv.value)));
            Map<String, String> linkTable = new TreeMap<>();
            links.readKeyValuesToList().forEach(kv -> linkTable.put(kv.key, String.valueOf(kv.value.getPersonId())));
            return new Reference(goldens, linkTable);
        }
    }

    private Process startResolver(int run) throws IOException {
        Path log = dir.resolve("resolver-" + run + ".log");
        Process process = ChildJvm.start(ResolverProcess.class, "512m", List.of(
                "--onegrid.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--onegrid.topics.partitions=1",
                "--onegrid.resolve.state-dir=" + dir.resolve("streams")), log);
        await().atMost(STARTUP).until(() -> !process.isAlive() || Files.readString(log).contains(ResolverProcess.STARTED));
        assertThat(process.isAlive()).as("resolver process %d is running; its output is in %s", run, log).isTrue();
        return process;
    }

    private void produce(Map<String, SourcePerson> input) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), Topics.SOURCE.valueSerde(SourcePerson.class))) {
            for (Map.Entry<String, SourcePerson> e : input.entrySet()) {
                producer.send(new ProducerRecord<>(Topics.SOURCE.name(), e.getKey(), e.getValue()));
            }
            producer.flush();
        }
    }

    private <V> List<ConsumerRecord<String, V>> read(String topic, Deserializer<V> values) {
        return TopicContents.read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), topic, values);
    }

    private static Map<String, List<String>> goldenVersions(List<ConsumerRecord<String, GoldenPerson>> records) {
        Map<String, List<String>> versions = new TreeMap<>();
        records.forEach(r -> versions.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(comparable(r.value())));
        return versions;
    }

    private static Map<String, String> linkTable(List<ConsumerRecord<String, PersonLink>> records) {
        Map<String, String> links = new TreeMap<>();
        records.forEach(r -> links.put(r.key(), String.valueOf(r.value().getPersonId())));
        return links;
    }

    /** A golden record without the one stamp a run cannot reproduce: when it was published. */
    private static String comparable(GoldenPerson golden) {
        return GoldenPerson.newBuilder(golden).setUpdatedAt(Instant.EPOCH).build().toString();
    }
}

package org.onegrid.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.OneGridApplication;
import org.onegrid.backbone.AvroSerde;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.Topics;
import org.onegrid.connector.internal.ConnectorStatuses;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restart loses nothing: a file a crash interrupted (part of its rows already on the raw topic, the file still in
 * the folder) is read again from the start, files dropped while the service was down are read, and a file already
 * ingested is not counted again. The compacted raw topic ends with one current record per source key.
 */
class FileDropRestartTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String PARTIAL = "{\"partial\":\"written before the crash\"}";

    @TempDir
    Path root;

    @Test
    void readsAnInterruptedFileAgainFromTheStartAndLosesNothingAcrossARestart() throws Exception {
        Path inbox = root.resolve("inbox");
        Drops.fileDropConnector(root.resolve("connectors"), "party-building", inbox, "encoding: GBK");
        List<String> args = new ArrayList<>(List.of(EmbeddedServiceProperties.asArguments(EmbeddedServiceProperties.on(root))));
        byte[] first = Exports.aPartyBuildingExport().withMembers(1, 50).csv(GBK);
        byte[] interrupted = Exports.aPartyBuildingExport().withMembers(51, 50).csv(GBK);
        byte[] droppedWhileDown = Exports.aPartyBuildingExport().withMembers(101, 50).csv(GBK);

        try (ConfigurableApplicationContext service = start(args)) {
            Drops.drop(inbox, "first.csv", first);
            awaiting().until(() -> Files.exists(inbox.resolve("done/first.csv")));
            // What a crash half-way through "interrupted.csv" leaves: its first 20 rows on the topic, and the file not moved.
            writeFirstRowsAsACrashedRunWould(service, interrupted, 20);
        }
        Files.write(inbox.resolve("interrupted.csv"), interrupted);
        Files.write(inbox.resolve("dropped-while-down.csv"), droppedWhileDown);
        Files.write(inbox.resolve("first-again.csv"), first);

        try (ConfigurableApplicationContext service = start(args)) {
            awaiting().until(() -> Files.exists(inbox.resolve("done/interrupted.csv"))
                    && Files.exists(inbox.resolve("done/dropped-while-down.csv")) && Files.exists(inbox.resolve("done/first-again.csv")));
            KafkaBackbone backbone = service.getBean(KafkaBackbone.class);

            Map<String, String> latest = new TreeMap<>();
            TopicContents.raw(backbone, Topics.raw("party-building").name())
                    .forEach(r -> latest.put(r.getSourceKey(), r.getSourcePosition().replaceFirst(":.*", "") + "|" + payload(r)));
            assertThat(latest).hasSize(150);
            for (int key = 1; key <= 150; key++) {
                assertThat(latest).containsKey(String.valueOf(key));
            }
            assertThat(latest.values()).noneMatch(v -> v.contains(PARTIAL));
            assertThat(latest.get("51")).startsWith("interrupted.csv|").contains("\"序号\":\"51\"");
            ConnectorStatus status = service.getBean(ConnectorStatuses.class).of("party-building").orElseThrow();
            assertThat(status.recordsIn()).as("records counted after the restart: interrupted and dropped-while-down, not first-again")
                    .isEqualTo(100);
        }
    }

    /**
     * What a run that crashed part-way through a file leaves on the raw topic: its first rows, here with a payload
     * marked as partial so the test can tell whether the re-read replaced them. The file itself stays in the folder.
     */
    private static void writeFirstRowsAsACrashedRunWould(ConfigurableApplicationContext service, byte[] file, int rows) throws Exception {
        KafkaBackbone backbone = service.getBean(KafkaBackbone.class);
        List<String> lines = new String(file, GBK).lines().toList();
        try (var producer = new KafkaProducer<>(backbone.clientConfig(), new StringSerializer(), AvroSerde.of(RawRecord.class))) {
            for (int i = 1; i <= rows; i++) {
                String key = lines.get(i).split(",")[0];
                RawRecord record = RawRecord.newBuilder()
                        .setConnector("party-building").setSourceKey(key).setOperation(Operation.SNAPSHOT)
                        .setSourcePosition("interrupted.csv:" + (i + 1)).setIngestTime(Instant.now())
                        .setPayload(ByteBuffer.wrap(PARTIAL.getBytes(StandardCharsets.UTF_8)))
                        .build();
                producer.send(new ProducerRecord<>(Topics.raw("party-building").name(), key, record)).get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String payload(RawRecord record) {
        byte[] out = new byte[record.getPayload().remaining()];
        record.getPayload().duplicate().get(out);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static ConfigurableApplicationContext start(List<String> args) {
        return new SpringApplicationBuilder(OneGridApplication.class).web(WebApplicationType.NONE).run(args.toArray(String[]::new));
    }

    private static org.awaitility.core.ConditionFactory awaiting() {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250));
    }
}

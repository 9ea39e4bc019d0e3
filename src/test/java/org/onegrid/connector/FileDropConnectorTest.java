package org.onegrid.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.Topics;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.Stage;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service with file-drop connectors on a real embedded broker and real files: one Spring context shared by all
 * tests, each test with its own connector (own folder, own raw topic).
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FileDropConnectorTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        EmbeddedServiceProperties.on(root).forEach((key, value) -> registry.add(key, () -> value));
        Path connectors = root.resolve("connectors");
        registry.add("onegrid.connectors.dir", connectors::toString);
        Drops.fileDropConnector(connectors, "gbk", inbox("gbk"), "format: csv", "encoding: GBK");
        Drops.fileDropConnector(connectors, "bom", inbox("bom"));
        Drops.fileDropConnector(connectors, "xlsx", inbox("xlsx"), "format: xlsx", "sheet: 党员");
        Drops.fileDropConnector(connectors, "mixed", inbox("mixed"));
        Drops.fileDropConnector(connectors, "redrop", inbox("redrop"), "encoding: GBK");
        Drops.write(connectors.resolve("civil-affairs.yaml"), """
                type: debezium-postgres
                department: 民政局
                source: {host: db.example}
                """);
        Drops.write(connectors.resolve("switched-off.yaml"), """
                type: file-drop
                department: 应急局
                enabled: false
                key: [id]
                source: {path: %s}
                """.formatted(inbox("switched-off")));
    }

    @Autowired
    KafkaBackbone backbone;

    @Autowired
    CamelContext camel;

    @Autowired
    TestRestTemplate http;

    @Test
    void ingestsAGbkExportWithChineseHeadersOntoItsRawTopic() throws Exception {
        byte[] file = Exports.aPartyBuildingExport().withMembers(1, 3).csv(GBK);

        Drops.drop(inbox("gbk"), "党员名单.csv", file);

        awaiting().until(() -> Files.exists(inbox("gbk").resolve("done/党员名单.csv")));
        List<RawRecord> records = raw("gbk");
        // Keys spread over partitions: order holds per key, not across keys.
        assertThat(records).extracting(RawRecord::getSourceKey).containsExactlyInAnyOrder("1", "2", "3");
        RawRecord first = records.stream().filter(r -> r.getSourceKey().equals("1")).findFirst().orElseThrow();
        assertThat(first.getConnector()).isEqualTo("gbk");
        assertThat(first.getOperation()).isEqualTo(Operation.SNAPSHOT);
        assertThat(first.getSourcePosition()).isEqualTo("党员名单.csv:2");
        assertThat(first.getContentType()).isEqualTo("application/json");
        assertThat(first.getSourceTime()).isNotNull();
        assertThat(first.getSourceMeta()).containsEntry("file", "党员名单.csv").containsKey("sha256");
        Map<String, Object> payload = JSON.readValue(bytes(first.getPayload()), new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() {});
        assertThat(payload.keySet()).containsExactlyElementsOf(Exports.PARTY_BUILDING_HEADER);
        assertThat(payload.get("身份证号")).isEqualTo("360502198503020001");
        assertThat(inbox("gbk").resolve("党员名单.csv")).doesNotExist();
    }

    @Test
    void readsAUtf8ExportByItsByteOrderMark() throws Exception {
        Drops.drop(inbox("bom"), "members.csv", Exports.aPartyBuildingExport().withMembers(10, 2).csvWithUtf8Bom());

        awaiting().until(() -> Files.exists(inbox("bom").resolve("done/members.csv")));
        List<RawRecord> records = raw("bom");
        assertThat(records).extracting(RawRecord::getSourceKey).containsExactlyInAnyOrder("10", "11");
        assertThat(JSON.readTree(bytes(records.stream().filter(r -> r.getSourceKey().equals("10")).findFirst().orElseThrow().getPayload())).get("居住地址").asText()).isEqualTo("长青社区阳光花园2栋");
    }

    @Test
    void readsTheNamedSheetOfAnXlsxExport() throws Exception {
        byte[] workbook = Exports.aPartyBuildingExport()
                .row(1, "陈晓明", "男", "36050219850302001X", 31108, "汉族", 13800138000L, "阳光花园3-2-401", "第二支部", 40360)
                .xlsx("党员", true);

        Drops.drop(inbox("xlsx"), "members.xlsx", workbook);

        awaiting().until(() -> Files.exists(inbox("xlsx").resolve("done/members.xlsx")));
        RawRecord record = raw("xlsx").get(0);
        assertThat(record.getSourceKey()).isEqualTo("1");
        assertThat(record.getSourcePosition()).isEqualTo("members.xlsx:2");
        assertThat(record.getSourceMeta()).containsEntry("sheet", "党员");
        var payload = JSON.readTree(bytes(record.getPayload()));
        assertThat(payload.get("出生日期").asText()).isEqualTo("31108");
        assertThat(payload.get("姓名").asText()).isEqualTo("陈晓明");
    }

    @Test
    void sendsBadRowsAndUndecodableFilesToRejectedWithTheirBytesAndKeepsGoing() throws Exception {
        String withBadRow = Exports.aPartyBuildingExport().withMembers(1, 1).csvText() + "2,只有三列,男\r\n";
        byte[] gbk = Exports.aPartyBuildingExport().withMembers(5, 2).csv(GBK);

        Drops.drop(inbox("mixed"), "a.csv", withBadRow.getBytes(StandardCharsets.UTF_8));
        awaiting().until(() -> Files.exists(inbox("mixed").resolve("done/a.csv")));
        Drops.drop(inbox("mixed"), "b.csv", gbk);
        awaiting().until(() -> Files.exists(inbox("mixed").resolve("failed/b.csv")));
        Drops.drop(inbox("mixed"), "c.csv", Exports.aPartyBuildingExport().withMembers(9, 1).csv(StandardCharsets.UTF_8));
        awaiting().until(() -> Files.exists(inbox("mixed").resolve("done/c.csv")));

        assertThat(raw("mixed")).extracting(RawRecord::getSourceKey).containsExactlyInAnyOrder("1", "9");
        List<RejectedRecord> rejects = TopicContents.rejected(backbone, "mixed");
        // Rejects without a source key share the key "mixed", hence one partition and their order.
        assertThat(rejects).extracting(RejectedRecord::getReason).containsExactly("CSV_COLUMN_COUNT", "PAYLOAD_UNDECODABLE");
        assertThat(rejects).allSatisfy(r -> assertThat(r.getStage()).isEqualTo(Stage.INGEST));
        assertThat(rejects.get(0).getSourcePosition()).isEqualTo("a.csv:3");
        assertThat(bytes(rejects.get(0).getOriginalPayload())).isEqualTo("2,只有三列,男".getBytes(StandardCharsets.UTF_8));
        assertThat(rejects.get(1).getSourcePosition()).isEqualTo("b.csv");
        assertThat(bytes(rejects.get(1).getOriginalPayload())).isEqualTo(gbk);
        assertThat(Files.readString(inbox("mixed").resolve("failed/b.csv.reason.txt")))
                .contains("reason: PAYLOAD_UNDECODABLE", "source.encoding").doesNotContain("张");
        ConnectorStatus status = status("mixed");
        assertThat(status.recordsIn()).isEqualTo(2);
        assertThat(status.rejects()).containsEntry("CSV_COLUMN_COUNT", 1L).containsEntry("PAYLOAD_UNDECODABLE", 1L);
    }

    @Test
    void doesNotCountAReDroppedIdenticalFileAgain() throws Exception {
        byte[] file = Exports.aPartyBuildingExport().withMembers(1, 2).csv(GBK);
        Drops.drop(inbox("redrop"), "members.csv", file);
        awaiting().until(() -> Files.exists(inbox("redrop").resolve("done/members.csv")));

        Drops.drop(inbox("redrop"), "members-again.csv", file);

        awaiting().until(() -> Files.exists(inbox("redrop").resolve("done/members-again.csv")));
        assertThat(raw("redrop")).hasSize(2);
        assertThat(status("redrop").recordsIn()).isEqualTo(2);
        assertThat(Files.readString(inbox("redrop").resolve(".onegrid-processed")).lines()).hasSize(1);
    }

    @Test
    void reportsEveryConnectorOnTheActuatorEndpointAndItsCountsAsMetrics() {
        Map<String, Object> all = json("/actuator/connectors");

        assertThat(all.keySet()).contains("gbk", "bom", "xlsx", "mixed", "redrop", "civil-affairs", "switched-off");
        assertThat(map(all.get("gbk"))).containsEntry("state", "RUNNING").containsEntry("type", "file-drop");
        assertThat(map(all.get("switched-off"))).containsEntry("state", "DISABLED");
        Map<String, Object> civilAffairs = map(all.get("civil-affairs"));
        assertThat(civilAffairs).containsEntry("state", "FAILED");
        assertThat((String) civilAffairs.get("lastError")).contains("connectors/civil-affairs.yaml: source.");
        assertThat(camel.getRoute("file-drop-gbk")).isNotNull();
        assertThat(camel.getRoute("file-drop-civil-affairs")).isNull();

        Drops.drop(inbox("bom"), "metrics.csv", Exports.aPartyBuildingExport().withMembers(100, 1).row(101, "缺列").csvWithUtf8Bom());
        awaiting().until(() -> Files.exists(inbox("bom").resolve("done/metrics.csv")));
        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).contains("onegrid_connector_records_total{connector=\"bom\"}")
                .contains("onegrid_connector_rejects_total{connector=\"bom\",reason=\"CSV_COLUMN_COUNT\"} 1.0");
    }

    private List<RawRecord> raw(String connector) {
        return TopicContents.raw(backbone, Topics.raw(connector).name());
    }

    private ConnectorStatus status(String connector) {
        return JSON.convertValue(http.getForObject("/actuator/connectors/" + connector, Map.class), ConnectorStatus.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(String path) {
        return http.getForObject(path, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Path inbox(String connector) {
        return root.resolve("inbox").resolve(connector);
    }

    private static ConditionFactory awaiting() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}

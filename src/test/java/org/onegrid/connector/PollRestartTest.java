package org.onegrid.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.OneGridApplication;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.Topics;
import org.onegrid.connector.httppoll.PatientsApi;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.onegrid.testing.MariaDbServer;
import org.onegrid.testing.PollingDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The polling connectors resume from their stored cursors after a restart: an http-poll connector stopped in the
 * middle of its first pass (two pages written, the third answer held back) goes on with the third page, jdbc-poll
 * connectors on PostgreSQL and on MariaDB pick up what changed while the service was down, and on every raw topic
 * every version of every record is there exactly once.
 */
class PollRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "restart-token";

    @TempDir
    Path root;

    @Test
    void resumesFromTheStoredCursorsWithNothingLostOrWrittenTwice() throws Exception {
        Path secret = root.resolve("secrets").resolve("token");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, TOKEN);
        try (PatientsApi api = PatientsApi.start(TOKEN).withPatients(1, 30, "2025-02-03");
             EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             MariaDbServer mariaDb = MariaDbServer.start(root.resolve("mariadb"), "civil_affairs")) {
            List<PollingDatabase> databases = List.of(PollingDatabase.postgres(postgres, root.resolve("secrets")),
                    PollingDatabase.mariaDb(mariaDb));
            for (PollingDatabase database : databases) {
                database.sql("CREATE TABLE ca_resident (id INTEGER PRIMARY KEY, full_name VARCHAR(40), is_deleted BOOLEAN DEFAULT false, "
                        + "updated_at " + database.dateTime() + ")");
                for (int id = 1; id <= 10; id++) {
                    database.sql("INSERT INTO ca_resident VALUES (" + id + ", '居民" + id + "', false, '2024-05-06 14:23:1" + (id % 3) + "')");
                }
                writeJdbcConnector(database);
            }
            writeHttpConnector(api, secret);
            // The first run gets pages 1 and 2 (HP0001..HP0020); the answer to page 3 is held back until it stops.
            api.holdPageAfter("2025-02-03T08:10:00+08:00|HP0020");
            List<String> args = new ArrayList<>(List.of(EmbeddedServiceProperties.asArguments(EmbeddedServiceProperties.on(root))));

            try (ConfigurableApplicationContext service = start(args)) {
                KafkaBackbone backbone = service.getBean(KafkaBackbone.class);
                awaiting().until(() -> JSON.readTree(root.resolve("state/health/cursor.json").toFile()).path("pageToken").asText()
                        .equals("2025-02-03T08:10:00+08:00|HP0020"));
                for (PollingDatabase database : databases) {
                    awaiting().until(() -> raw(backbone, civilAffairs(database)).size() == 10);
                }
                assertThat(raw(backbone, "health")).hasSize(20);
            }
            api.release();
            api.put("HP0005", "2025-02-04T09:00:00+08:00", Map.of("name", "测试患者5", "mobile", "+86 139-0000-0005"));
            api.put("HP0031", "2025-02-04T09:00:01+08:00", Map.of("name", "停机时新患者"));
            for (PollingDatabase database : databases) {
                database.sql("UPDATE ca_resident SET full_name = '居民二', updated_at = '2024-05-08 09:00:00' WHERE id = 2",
                        "UPDATE ca_resident SET is_deleted = true, updated_at = '2024-05-08 09:00:00' WHERE id = 7",
                        "INSERT INTO ca_resident VALUES (11, '居民11', false, '2024-05-08 09:00:00')");
            }

            try (ConfigurableApplicationContext service = start(args)) {
                KafkaBackbone backbone = service.getBean(KafkaBackbone.class);
                awaiting().untilAsserted(() -> assertThat(raw(backbone, "health")).hasSize(32));

                List<RawRecord> health = raw(backbone, "health");
                assertThat(versions(health).values()).as("each version of each patient once").containsOnly(1L);
                assertThat(health.stream().map(RawRecord::getSourceKey).distinct()).hasSize(31);
                assertThat(health.stream().filter(r -> r.getSourceKey().equals("HP0005")).map(RawRecord::getSourcePosition))
                        .containsExactlyInAnyOrder("2025-02-03T08:02:00+08:00", "2025-02-04T09:00:00+08:00");

                for (PollingDatabase database : databases) {
                    awaiting().untilAsserted(() -> assertThat(raw(backbone, civilAffairs(database))).hasSize(13));
                    List<RawRecord> civil = raw(backbone, civilAffairs(database));
                    assertThat(versions(civil).values()).as("each version of each row once, on %s", database).containsOnly(1L);
                    Map<String, List<Operation>> operations = civil.stream().collect(Collectors.groupingBy(RawRecord::getSourceKey,
                            Collectors.mapping(RawRecord::getOperation, Collectors.toList())));
                    assertThat(operations.get("2")).containsExactly(Operation.SNAPSHOT, Operation.UPDATE);
                    assertThat(operations.get("7")).containsExactly(Operation.SNAPSHOT, Operation.DELETE);
                    assertThat(operations.get("11")).containsExactly(Operation.UPDATE);
                    assertThat(operations.get("1")).containsExactly(Operation.SNAPSHOT);
                }
            }
        }
    }

    private static String civilAffairs(PollingDatabase database) {
        return "civil-affairs-" + database.name();
    }

    private void writeHttpConnector(PatientsApi api, Path secret) {
        Drops.write(root.resolve("connectors").resolve("health.yaml"), api.connectorFile(secret, root.resolve("state/health"),
                "{name: name, idNumber: idCard}", "page-size: 10", "read-timeout: 1s", "retries: 1", "backoff: 100ms"));
    }

    private void writeJdbcConnector(PollingDatabase database) {
        String id = civilAffairs(database);
        Drops.write(root.resolve("connectors").resolve(id + ".yaml"), """
                type: jdbc-poll
                department: 民政局 (civil affairs)
                key: [id]
                source:
                  url: %s
                  user: %s
                  password: ${file:%s}
                  table: ca_resident
                  cursor-column: updated_at
                  soft-delete-column: is_deleted
                  batch-size: 4
                  poll-interval: 200ms
                  state-dir: %s
                mapping: {name: full_name}
                """.formatted(database.url(), database.user(), database.passwordFile(), root.resolve("state").resolve(id)));
    }

    /** How often each version (key and position) of a record is on the topic. */
    private static Map<String, Long> versions(List<RawRecord> records) {
        return records.stream().collect(Collectors.groupingBy(r -> r.getSourceKey() + " @ " + r.getSourcePosition(), Collectors.counting()));
    }

    private static List<RawRecord> raw(KafkaBackbone backbone, String connector) {
        return TopicContents.raw(backbone, Topics.raw(connector).name());
    }

    private static ConfigurableApplicationContext start(List<String> args) {
        return new SpringApplicationBuilder(OneGridApplication.class).web(WebApplicationType.NONE).run(args.toArray(String[]::new));
    }

    private static ConditionFactory awaiting() {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions();
    }
}

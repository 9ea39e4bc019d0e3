package org.onegrid.connector.httppoll;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.config.ConfigProblem;
import org.onegrid.connector.ConnectorCatalog;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.testing.FreePorts;

/**
 * An http-poll connector file binds to checked settings; every problem is listed at once as
 * {@code connectors/<file>: <key>: message Fix: ...}, and the start-up check says what is wrong with the API itself
 * (a real HTTP server): a refused token, records elsewhere than records-field, a key field the records lack.
 */
class HttpPollDefinitionTest {

    @TempDir
    Path dir;

    private PatientsApi api;

    @AfterEach
    void stopServer() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void bindsEveryKeyWithItsDefaults() throws IOException {
        Path token = secret("abc");
        write("health.yaml", """
                type: http-poll
                department: 卫健委
                key: [patientId]
                source:
                  url: https://health.example/api/patients?status=all
                  token: ${file:%s}
                  updated-field: updatedAt
                  deleted-field: deleted
                """.formatted(token));

        ConnectorCatalog catalog = load();

        assertThat(catalog.problems()).isEmpty();
        HttpPollSource source = catalog.definition("health").orElseThrow().source(HttpPollSource.class);
        assertThat(source.cursor()).isEqualTo(HttpPollSource.CursorMode.UPDATED_SINCE);
        assertThat(source.pageSize()).isEqualTo(200);
        assertThat(source.recordsField()).isEqualTo("data");
        assertThat(source.nextPageField()).isEqualTo("nextPageToken");
        assertThat(source.authHeader()).isEqualTo("Authorization");
        assertThat(source.authScheme()).isEqualTo("Bearer");
        assertThat(source.token().toString()).isEqualTo("${file:" + token + "}");
        assertThat(source.deletedValues()).contains("true", "1", "是");
        assertThat(source.pollInterval()).hasSeconds(30);
        assertThat(source.retries()).isEqualTo(5);
        assertThat(source.overlap()).hasSeconds(1);
        assertThat(source.stateDir("health")).isEqualTo(Path.of("var", "connectors", "health"));
        assertThat(HttpPoller.withQuery(source.url(), Map.of("updatedSince", "2024-05-06T14:23:11+08:00")).toString())
                .isEqualTo("https://health.example/api/patients?status=all&updatedSince=2024-05-06T14%3A23%3A11%2B08%3A00");
    }

    @Test
    void listsEveryProblemOfTheSourceBlockWithItsFix() throws IOException {
        write("health.yaml", """
                type: http-poll
                department: 卫健委
                key: [patientId]
                source:
                  url: ftp://health.example/patients
                  cursor: since
                  page-size: 0
                  poll-interval: soon
                  token: s3cr3t-value
                  deleted-values: [Y]
                  max-backoff: 10ms
                  recrods-field: data
                """);
        write("civil.yaml", """
                type: http-poll
                department: 民政局
                key: [id]
                source:
                  url: https://civil.example/api/residents?apikey=abc123
                  created-field: createdAt
                """);

        List<ConfigProblem> problems = load().problems();

        assertThat(problems).extracting(ConfigProblem::where).containsExactlyInAnyOrder(
                "connectors/health.yaml: source.url",
                "connectors/health.yaml: source.cursor",
                "connectors/health.yaml: source.page-size",
                "connectors/health.yaml: source.poll-interval",
                "connectors/health.yaml: source.token",
                "connectors/health.yaml: source.deleted-values",
                "connectors/health.yaml: source.max-backoff",
                "connectors/health.yaml: source.recrods-field",
                "connectors/civil.yaml: source.url",
                "connectors/civil.yaml: source.updated-field",
                "connectors/civil.yaml: source.created-field");
        assertThat(problems).map(ConfigProblem::toString).noneMatch(p -> p.contains("s3cr3t-value") || p.contains("abc123"));
        assertThat(problems).map(ConfigProblem::toString)
                .contains("connectors/health.yaml: source.recrods-field: unknown key. Fix: did you mean source.records-field? "
                        + "known keys here: " + String.join(", ", HttpPollType.KEYS.stream().map(k -> k.name()).toList()) + ".")
                .contains("connectors/health.yaml: source.cursor: unknown cursor since. Fix: use updated-since or page-token.")
                .contains("connectors/health.yaml: source.page-size: must be a whole number from 1 to 10000. Fix: write e.g. page-size: 200.")
                .contains("connectors/civil.yaml: source.updated-field: missing; cursor: updated-since needs the field of each record that "
                        + "says when it last changed. Fix: add updated-field: <field>, e.g. updated-field: updatedAt, or set cursor: page-token.");
        assertThat(problems).filteredOn(p -> p.where().equals("connectors/civil.yaml: source.url")).singleElement()
                .satisfies(p -> assertThat(p.fix()).contains("source.auth-header"));
    }

    @Test
    void theStartUpCheckSaysWhatIsWrongWithTheApi() throws IOException {
        api = PatientsApi.start("right").withPatients(1, 3, "2025-02-03");
        HttpPollType type = new HttpPollType();

        assertThat(type.checkConnectivity(definition("ok.yaml", secret("right"), "[patientId]", ""))).isEmpty();

        assertThat(type.checkConnectivity(definition("wrong.yaml", secret("wrong"), "[patientId]", ""))).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("connectors/wrong.yaml: source.token");
            assertThat(p.message()).contains("HTTP 401").doesNotContain("wrong\n").doesNotContain("Bearer");
            assertThat(p.fix()).startsWith("put the department's current token in ${file:");
        });
        assertThat(type.checkConnectivity(definition("shape.yaml", secret("right"), "[id]", "records-field: items")))
                .extracting(ConfigProblem::toString).containsExactly("connectors/shape.yaml: source.records-field: the API's answer has no list at "
                        + "items (it has: data, nextPageToken). Fix: set records-field to the field that holds the records.");
        assertThat(type.checkConnectivity(definition("key.yaml", secret("right"), "[id]", "")))
                .extracting(ConfigProblem::where).containsExactly("connectors/key.yaml: key");
        assertThat(type.checkConnectivity(definition("down.yaml", secret("right"), "[patientId]", "", "http://127.0.0.1:" + FreePorts.next() + "/api")))
                .singleElement().satisfies(p -> {
                    assertThat(p.where()).isEqualTo("connectors/down.yaml: source.url");
                    assertThat(p.message()).contains("does not answer");
                });
    }

    private ConnectorDefinition definition(String file, Path token, String key, String extra) throws IOException {
        return definition(file, token, key, extra, api.url().toString());
    }

    private ConnectorDefinition definition(String file, Path token, String key, String extra, String url) throws IOException {
        String id = file.replace(".yaml", "");
        Files.createDirectories(dir.resolve(id));
        Files.writeString(dir.resolve(id).resolve(file), """
                type: http-poll
                department: 卫健委
                key: %s
                source:
                  url: %s
                  token: ${file:%s}
                  updated-field: updatedAt
                  %s
                """.formatted(key, url, token, extra), StandardCharsets.UTF_8);
        ConnectorCatalog catalog = ConnectorCatalog.load(dir.resolve(id), List.of(new HttpPollType()), List.of());
        assertThat(catalog.problems()).isEmpty();
        return catalog.definition(id).orElseThrow();
    }

    private Path secret(String value) throws IOException {
        Path file = Files.createTempFile(dir, "token", ".txt");
        Files.writeString(file, value + "\n");
        return file;
    }

    private ConnectorCatalog load() {
        return ConnectorCatalog.load(dir, List.of(new HttpPollType()), List.of());
    }

    private void write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve(name), yaml, StandardCharsets.UTF_8);
    }
}

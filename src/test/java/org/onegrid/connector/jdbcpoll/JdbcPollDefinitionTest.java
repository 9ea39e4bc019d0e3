package org.onegrid.connector.jdbcpoll;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.config.ConfigProblem;
import org.onegrid.connector.ConnectorCatalog;
import org.onegrid.connector.ConnectorDefinition;

/**
 * A jdbc-poll connector file binds to checked settings; every problem is listed at once as
 * {@code connectors/<file>: <key>: message Fix: ...}; the start-up check, on a real PostgreSQL, names a missing table,
 * a missing column (listing the table's), a cursor column that is no time, and a URL no driver takes.
 */
class JdbcPollDefinitionTest {

    static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ca_resident (id INTEGER PRIMARY KEY, full_name VARCHAR(40), version INTEGER, updated_at TIMESTAMP)");
        }
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    @Test
    void bindsTheSourceWithTheKeyAsTieBreaker() throws IOException {
        ConnectorDefinition definition = definition("civil.yaml", "table: ca_resident", "cursor-column: updated_at");

        JdbcPollSource source = definition.source(JdbcPollSource.class);
        assertThat(source.cursor()).isEqualTo(JdbcPollSource.CursorMode.UPDATED_AT);
        assertThat(source.order(definition.key())).containsExactly("updated_at", "id");
        assertThat(source.batchSize()).isEqualTo(1000);
        assertThat(source.softDeleteColumn()).isNull();
        assertThat(new PollQuery(source, source.order(definition.key())).sql(false)).isEqualTo("SELECT * FROM ca_resident WHERE "
                + "updated_at IS NOT NULL AND id IS NOT NULL AND (updated_at > ? OR (updated_at = ? AND id > ?)) ORDER BY updated_at, id LIMIT 1000");
        assertThat(PollQuery.parameters(3)).containsExactly(0, 0, 1, 1, 2);
        assertThat(new JdbcPollType().checkConnectivity(definition)).isEmpty();
        assertThat(new JdbcPollType().notes(definition)).anySatisfy(n -> assertThat(n).startsWith("deletes are not seen"));
    }

    @Test
    void listsEveryProblemOfTheSourceBlockWithItsFix() throws IOException {
        Files.writeString(dir.resolve("civil.yaml"), """
                type: jdbc-poll
                department: 民政局
                key: [id]
                source:
                  url: postgresql://db.example/civil
                  user: reader
                  password: pa55word
                  table: "ca_resident; DROP TABLE x"
                  cursor: latest
                  soft-delete-values: [Y]
                  time-zone: Mars/Olympus
                  batch-size: lots
                """, StandardCharsets.UTF_8);

        List<ConfigProblem> problems = ConnectorCatalog.load(dir, List.of(new JdbcPollType()), List.of()).problems();

        assertThat(problems).extracting(ConfigProblem::where).containsExactlyInAnyOrder(
                "connectors/civil.yaml: source.url",
                "connectors/civil.yaml: source.password",
                "connectors/civil.yaml: source.table",
                "connectors/civil.yaml: source.cursor",
                "connectors/civil.yaml: source.cursor-column",
                "connectors/civil.yaml: source.soft-delete-values",
                "connectors/civil.yaml: source.time-zone",
                "connectors/civil.yaml: source.batch-size");
        assertThat(problems).map(ConfigProblem::toString).noneMatch(p -> p.contains("pa55word"))
                .contains("connectors/civil.yaml: source.cursor: unknown cursor latest. Fix: use updated-at or increasing-key.");
    }

    @Test
    void theStartUpCheckNamesWhatTheDatabaseLacks() throws IOException {
        JdbcPollType type = new JdbcPollType();

        assertThat(type.checkConnectivity(definition("table.yaml", "table: no_such_table", "cursor-column: updated_at")))
                .singleElement().satisfies(p -> {
                    assertThat(p.where()).isEqualTo("connectors/table.yaml: source.table");
                    assertThat(p.fix()).contains("grant SELECT");
                });
        assertThat(type.checkConnectivity(definition("column.yaml", "table: ca_resident", "cursor-column: modified", "soft-delete-column: deleted")))
                .extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                        "connectors/column.yaml: source.cursor-column: ca_resident has no column modified (it has: id, full_name, version, updated_at). "
                                + "Fix: name one of its columns.",
                        "connectors/column.yaml: source.soft-delete-column: ca_resident has no column deleted (it has: id, full_name, version, "
                                + "updated_at). Fix: name one of its columns.");
        assertThat(type.checkConnectivity(definition("number.yaml", "table: ca_resident", "cursor-column: version")))
                .extracting(ConfigProblem::where).containsExactly("connectors/number.yaml: source.cursor-column");
        assertThat(type.checkConnectivity(definition("increasing.yaml", "table: ca_resident", "cursor: increasing-key", "cursor-column: id")))
                .isEmpty();
        assertThat(type.checkConnectivity(definition("oracle.yaml", "table: ca_resident", "cursor-column: updated_at",
                "url: jdbc:oracle:thin:@//db.example:1521/civil"))).singleElement().satisfies(p -> {
                    assertThat(p.where()).isEqualTo("connectors/oracle.yaml: source.url");
                    assertThat(p.fix()).contains("JDBC jar on the class path");
                });
    }

    private ConnectorDefinition definition(String file, String... sourceLines) throws IOException {
        String id = file.replace(".yaml", "");
        Path folder = Files.createDirectories(dir.resolve(id));
        Path secret = folder.resolve("password");
        Files.writeString(secret, "trust-auth-ignores-it\n");
        StringBuilder yaml = new StringBuilder("""
                type: jdbc-poll
                department: 民政局
                key: [id]
                source:
                  user: postgres
                  password: ${file:%s}
                  state-dir: %s
                """.formatted(secret, folder.resolve("state")));
        boolean url = false;
        for (String line : sourceLines) {
            yaml.append("  ").append(line).append('\n');
            url |= line.startsWith("url:");
        }
        if (!url) {
            yaml.append("  url: jdbc:postgresql://127.0.0.1:").append(postgres.getPort()).append("/postgres\n");
        }
        Files.writeString(folder.resolve(file), yaml.toString(), StandardCharsets.UTF_8);
        ConnectorCatalog catalog = ConnectorCatalog.load(folder, List.of(new JdbcPollType()), List.of());
        assertThat(catalog.problems()).isEmpty();
        return catalog.definition(id).orElseThrow();
    }
}

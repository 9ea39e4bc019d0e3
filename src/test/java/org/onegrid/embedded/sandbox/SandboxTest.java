package org.onegrid.embedded.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.testing.FreePorts;

/** The four sandbox departments, real systems seeded from a small generated city. */
class SandboxTest {

    @TempDir
    static Path dir;

    private static Sandbox sandbox;
    private static long publicSecurityRows;
    private static long civilAffairsRows;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(new SandboxSettings(dir, 300, 7, FreePorts.next(), FreePorts.next(), FreePorts.next()));
        try {
            publicSecurityRows = count(sandbox.publicSecurity().connect(), "rk_jbxx");
            civilAffairsRows = count(sandbox.civilAffairs().connect(), "ca_resident");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void seedsEachDepartmentWithItsShareOfTheCityAndWritesTheTruth() throws Exception {
        Map<String, Long> truth = Files.readAllLines(sandbox.truth()).stream().skip(1)
                .collect(java.util.stream.Collectors.groupingBy(line -> line.split(",")[0], java.util.stream.Collectors.counting()));
        assertThat(publicSecurityRows).isEqualTo(truth.get("public-security"));
        assertThat(civilAffairsRows).isEqualTo(truth.get("civil-affairs"));
        assertThat((long) sandbox.health().size()).isEqualTo(truth.get("health"));
        List<String> export = Files.readAllLines(dir.resolve(Sandbox.PARTY_INBOX).resolve("party-members-export.csv"),
                Charset.forName("GBK"));
        assertThat(export.get(0)).startsWith("序号,姓名,性别,身份证号");
        assertThat(export.size() - 1L).isEqualTo(truth.get("party-building"));
        assertThat(sandbox.gridRegister()).exists();
    }

    @Test
    void civilAffairsHasLogicalDecodingForChangeDataCapture() throws Exception {
        try (Connection c = sandbox.civilAffairs().connect(); ResultSet r = c.createStatement().executeQuery("SHOW wal_level")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("logical");
        }
    }

    @Test
    void civilAffairsPublishesItsRegisterForChangeDataCapture() throws Exception {
        try (Connection c = sandbox.civilAffairs().connect(); ResultSet r = c.createStatement().executeQuery(
                "SELECT p.pubname, t.tablename, r.rolreplication FROM pg_publication p JOIN pg_publication_tables t ON t.pubname = p.pubname"
                        + " JOIN pg_roles r ON r.rolname = current_user")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo(CivilAffairsDatabase.PUBLICATION);
            assertThat(r.getString(2)).isEqualTo("ca_resident");
            assertThat(r.getBoolean(3)).as("the user may replicate").isTrue();
            assertThat(r.next()).isFalse();
        }
    }

    @Test
    void publicSecurityWritesARowBinlogOfFullRows() throws Exception {
        try (Connection c = sandbox.publicSecurity().connect();
             ResultSet r = c.createStatement().executeQuery("SELECT @@binlog_format, @@log_bin, @@binlog_row_image")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("ROW");
            assertThat(r.getInt(2)).isEqualTo(1);
            assertThat(r.getString(3)).isEqualTo("FULL");
        }
    }

    @Test
    void healthApiPagesInUpdateOrderAndRefusesAMissingToken() throws Exception {
        String token = Files.readString(sandbox.settings().secret("health.token")).trim();
        String base = "http://127.0.0.1:" + sandbox.settings().healthPort() + HealthApi.PATH;
        assertThat(get(base + "?pageSize=5", null).statusCode()).isEqualTo(401);

        JsonNode first = new ObjectMapper().readTree(get(base + "?pageSize=5", token).body());
        assertThat(first.get("data")).hasSize(5);
        String next = first.get("nextPageToken").asText();
        JsonNode second = new ObjectMapper().readTree(get(base + "?pageSize=5&pageToken="
                + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8), token).body());
        String lastOfFirst = first.get("data").get(4).get("updatedAt").asText();
        assertThat(second.get("data").get(0).get("updatedAt").asText()).isGreaterThanOrEqualTo(lastOfFirst);
        assertThat(second.get("data").get(0).get("patientId")).isNotEqualTo(first.get("data").get(4).get("patientId"));
    }

    @Test
    void liveChangesReachTheDepartmentsOwnSystems() throws Exception {
        long before = count(sandbox.publicSecurity().connect(), "rk_jbxx");
        Map<LiveChanges.Kind, Integer> made = sandbox.changes().apply(2, List.of(LiveChanges.Kind.BIRTH, LiveChanges.Kind.JOIN_PARTY));
        assertThat(made).containsEntry(LiveChanges.Kind.BIRTH, 1).containsEntry(LiveChanges.Kind.JOIN_PARTY, 1);
        assertThat(count(sandbox.publicSecurity().connect(), "rk_jbxx")).isEqualTo(before + 1);
        try (var files = Files.list(dir.resolve(Sandbox.PARTY_INBOX))) {
            assertThat(files.filter(f -> f.getFileName().toString().matches("party-members-\\d+-.*\\.csv"))).hasSize(1);
        }
    }

    private static long count(Connection connection, String table) throws Exception {
        try (connection; ResultSet r = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static HttpResponse<String> get(String uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

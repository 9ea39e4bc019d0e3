package org.onegrid.connector.httppoll;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.onegrid.connector.CursorFile;
import org.onegrid.connector.Drops;
import org.onegrid.schema.RawRecord;
import org.onegrid.testing.ChildService;
import org.onegrid.testing.KillHarness;

/**
 * kill -9 of the whole service in the middle of an http-poll connector's first pass over a real HTTP API of
 * {@value #PATIENTS} patients, {@value #PAGE} a page, and a restart on the same data folder. The service runs in a JVM
 * of its own ({@link ChildService}), mapping and resolver included; the broker lives in the test JVM and outlives the
 * kill.
 *
 * <p>The cursor file moves past a page only after Kafka acknowledged it, so the restarted connector goes on from the
 * page after the last one whose cursor was written: at most that one page, acknowledged but not yet in the cursor when
 * the kill came, is read again, with the same keys, positions and content.
 */
class HttpPollKillTest {

    private static final int PATIENTS = 3000;
    private static final int PAGE = 20;
    private static final String CONNECTOR = "health";
    private static final String TOKEN = "kill-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void killedMidPassThePollGoesOnFromItsCursorAndTheGoldenTableHasOnePersonPerPatient() throws Exception {
        try (KillHarness harness = KillHarness.open("http-poll-kill-test")) {
            PatientsApi api = harness.closing(PatientsApi.start(TOKEN));
            OffsetDateTime first = OffsetDateTime.parse("2025-02-03T08:00:00+08:00");
            for (int n = 1; n <= PATIENTS; n++) {
                // Each patient a person of its own: a name, and a birth date of its own (days since 1970 = n); two a second.
                api.put(PatientsApi.id(n), DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(first.plusSeconds(n / 2)),
                        Map.of("name", "患者" + n, "born", n));
            }
            Path secret = Files.writeString(Files.createDirectories(harness.dir()).resolve("token"), TOKEN);
            Drops.write(harness.connectors().resolve(CONNECTOR + ".yaml"), api.connectorFile(secret, harness.dir().resolve("state"),
                    "{name: name, birthDate: {from: born, format: epochDays}}", "page-size: " + PAGE));

            harness.start();
            // Five pages acknowledged: the cursor of the fourth at least is on disk (the fifth is asked for only after it).
            harness.killWhen(() -> harness.rawCount(CONNECTOR) >= 5 * PAGE);
            long beforeKill = harness.rawCount(CONNECTOR);
            int asked = api.queries().size();
            String storedPage = JSON.readTree(harness.dir().resolve("state").resolve(CursorFile.NAME).toFile()).path("pageToken").asText();
            System.out.printf("killed after %d of %d patients, %d requests, the cursor at page %s%n", beforeKill, PATIENTS, asked, storedPage);
            assertThat(beforeKill).as("killed in the middle of the first pass").isLessThan(PATIENTS);

            harness.start();
            harness.awaitUntil(() -> KillHarness.keysOf(harness.raw(CONNECTOR)).size() == PATIENTS);
            List<String> pollsAfterRestart = api.queries().subList(asked, api.queries().size()).stream()
                    .filter(query -> query.matches(".*pageSize=" + PAGE + "(&.*)?")).toList();
            assertThat(URLDecoder.decode(pollsAfterRestart.get(0), StandardCharsets.UTF_8))
                    .as("the first page asked for after the restart: the one after the stored cursor").contains("pageToken=" + storedPage);
            List<RawRecord> records = harness.raw(CONNECTOR);
            KillHarness.assertOneVersionPerKey(records, patients());
            assertThat(records).as("read again: at most the page acknowledged but not yet in the cursor").hasSizeLessThanOrEqualTo(PATIENTS + PAGE);

            harness.assertGoldenOnePersonPerKey(CONNECTOR, patients());
        }
    }

    private static Set<String> patients() {
        Set<String> keys = new TreeSet<>();
        for (int n = 1; n <= PATIENTS; n++) {
            keys.add(PatientsApi.id(n));
        }
        return keys;
    }
}

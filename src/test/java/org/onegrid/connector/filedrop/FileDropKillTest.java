package org.onegrid.connector.filedrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.onegrid.connector.Drops;
import org.onegrid.testing.ChildService;
import org.onegrid.testing.KillHarness;

/**
 * kill -9 of the whole service in the middle of a big CSV export, and a restart on the same data folder. The service
 * runs in a JVM of its own ({@link ChildService}), mapping and resolver included; the broker lives in the test JVM and
 * outlives the kill.
 *
 * <p>The file moves to done/ only after Kafka acknowledged every record of it, so the killed service leaves it in the
 * folder, and the restarted one reads it again from the start: the rows written before the kill are written again,
 * with the same key, position and content, which the compacted raw topic and the stages downstream take as repeats.
 * Read to the end, the file is remembered and moved to done/; dropped again, it is not read again.
 */
class FileDropKillTest {

    private static final int ROWS = 20_000;
    private static final String CONNECTOR = "party-building";

    @Test
    void killedMidFileTheFileIsReadAgainWholeMovedToDoneOnceAndTheGoldenTableHasOnePersonPerRow() throws Exception {
        try (KillHarness harness = KillHarness.open("file-drop-kill-test")) {
            Path inbox = harness.dir().resolve("inbox");
            // Each row a person of its own: its name, and a birth date of its own (days since 1970 = the row number).
            Drops.write(harness.connectors().resolve(CONNECTOR + ".yaml"), """
                    type: file-drop
                    department: 党建办 (party building)
                    key: [序号]
                    source:
                      path: %s
                    mapping:
                      name: 姓名
                      birthDate: { from: 序号, format: epochDays }
                    """.formatted(inbox));
            byte[] export = export();
            Drops.drop(inbox, "members.csv", export);

            harness.start();
            harness.killWhen(() -> harness.rawCount(CONNECTOR) > 0);
            long beforeKill = harness.rawCount(CONNECTOR);
            System.out.printf("killed after %d of %d rows%n", beforeKill, ROWS);
            assertThat(beforeKill).as("killed in the middle of the file").isLessThan(ROWS);
            assertThat(inbox.resolve("members.csv")).as("the file the kill interrupted stays in the folder").exists();
            assertThat(inbox.resolve("done/members.csv")).doesNotExist();

            harness.start();
            harness.awaitUntil(() -> Files.exists(inbox.resolve("done/members.csv")));
            assertThat(inbox.resolve("members.csv")).doesNotExist();
            var records = harness.raw(CONNECTOR);
            KillHarness.assertOneVersionPerKey(records, rows());
            assertThat(records).as("read again from the start: the rows written before the kill are there twice")
                    .hasSizeGreaterThanOrEqualTo((int) (ROWS + beforeKill));
            assertThat(harness.service().get("/actuator/connectors/" + CONNECTOR).path("recordsIn").asLong())
                    .as("records counted after the restart: the file once").isEqualTo(ROWS);
            assertThat(Files.readAllLines(inbox.resolve(".onegrid-processed"), StandardCharsets.UTF_8))
                    .as("the file remembered once").singleElement().asString().endsWith("members.csv");

            long written = harness.rawCount(CONNECTOR);
            Drops.drop(inbox, "members-again.csv", export);
            harness.awaitUntil(() -> Files.exists(inbox.resolve("done/members-again.csv")));
            assertThat(harness.rawCount(CONNECTOR)).as("the same file dropped again is not read again").isEqualTo(written);

            harness.assertGoldenOnePersonPerKey(CONNECTOR, rows());
        }
    }

    private static byte[] export() {
        StringBuilder csv = new StringBuilder("序号,姓名\r\n");
        for (int n = 1; n <= ROWS; n++) {
            csv.append(n).append(",党员").append(n).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Set<String> rows() {
        Set<String> keys = new TreeSet<>();
        for (int n = 1; n <= ROWS; n++) {
            keys.add(String.valueOf(n));
        }
        return keys;
    }
}

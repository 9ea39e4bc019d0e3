package org.onegrid.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.standardize.GridLocator;
import org.onegrid.standardize.IdNumber;

/**
 * Throughput of mapping and standardization alone (no Kafka): maps N synthetic public-security-style raw records with
 * the example mapping and prints records per second. Not a test: a figure for docs/mapping.md, measured on the
 * machine at hand.
 *
 * <p>{@code mvn -q test-compile exec:java -Dexec.mainClass=org.onegrid.mapping.MappingBenchmark
 * -Dexec.classpathScope=test -Dexec.args=200000}
 */
public final class MappingBenchmark {

    private static final String[] SURNAMES = {"陈", "李", "王", "張", "劉", "杨", "赵", "黄", "周", "吴"};
    private static final String[] GIVEN = {"晓明", "麗華", "建国", "秀英", "伟", "娜", "德福", "淑芬", "小丽", "欣怡"};
    private static final String[] ESTATES = {"阳光花园", "翠苑", "锦绣家园", "幸福小区"};

    private MappingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        MappingDefinition definition = MappingDefinition.parse("public-security",
                GoldenFilesTest.mappingBlock("public-security"));
        GridLocator locator = GoldenFilesTest.register();
        Mapper mapper = Mapper.of(definition, locator, Clock.systemUTC());
        List<RawRecord> records = synthetic(n, new SplittableRandom(42));

        for (int round = 0; round < 2; round++) { // warm-up, then the measured round
            long start = System.nanoTime();
            int mapped = 0;
            for (RawRecord raw : records) {
                if (mapper.map(raw) instanceof MappingResult.Mapped) {
                    mapped++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: %d records (%d mapped) in %.2f s: %,.0f records/s on %d thread(s)%n",
                    round == 0 ? "warm-up" : "measured", n, mapped, seconds, n / seconds, 1);
        }
    }

    private static List<RawRecord> synthetic(int n, SplittableRandom r) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper();
        List<RawRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int year = 1930 + r.nextInt(90);
            String birth = String.format("%04d%02d%02d", year, 1 + r.nextInt(12), 1 + r.nextInt(28));
            String first17 = "360502" + birth + String.format("%03d", r.nextInt(1000));
            String id = first17 + IdNumber.checkCharacter(first17);
            if (r.nextInt(50) == 0) {
                id = first17 + (id.charAt(17) == '0' ? '1' : '0'); // a typo now and then
            }
            String address = "江西省新余市渝水区城北街道长青社区" + ESTATES[r.nextInt(ESTATES.length)] + (1 + r.nextInt(12))
                    + "栋" + (1 + r.nextInt(3)) + "单元" + (1 + r.nextInt(18)) + "0" + (1 + r.nextInt(4)) + "室";
            ObjectNode row = json.createObjectNode()
                    .put("RYBH", "RY" + i)
                    .put("XM", SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)])
                    .put("XB", (id.charAt(16) - '0') % 2 == 1 ? "1" : "2")
                    .put("CSRQ", r.nextInt(20) == 0 ? birth.substring(0, 4) + "-" + birth.substring(4, 6) + "-"
                            + birth.substring(6) : birth)
                    .put("SFZH", id)
                    .put("MZ", "01")
                    .put("HJDZ", address)
                    .put("JZDZ", address)
                    .put("LXDH", "1" + (38 + r.nextInt(2)) + String.format("%08d", r.nextInt(100_000_000)))
                    .put("RYLB", r.nextInt(10) == 0 ? "流动" : "户籍")
                    .put("GXSJ", "2025-03-04 09:10:11");
            records.add(RawRecord.newBuilder().setConnector("public-security").setSourceKey("RY" + i)
                    .setOperation(Operation.SNAPSHOT).setSourcePosition("bench:" + i).setSourceTime(null)
                    .setIngestTime(Instant.EPOCH).setContentType("application/json")
                    .setPayload(ByteBuffer.wrap(json.writeValueAsBytes(row))).build());
        }
        return records;
    }
}

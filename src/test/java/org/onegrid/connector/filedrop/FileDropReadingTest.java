package org.onegrid.connector.filedrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onegrid.connector.Exports;
import org.onegrid.connector.IngestBatch;
import org.onegrid.connector.RejectReason;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.RejectedRecord;

/** How file-drop reads department exports into raw records and rejects, without Kafka. */
class FileDropReadingTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsAGbkCsvWithChineseHeadersIntoOneSnapshotRecordPerRow() throws Exception {
        byte[] file = Exports.aPartyBuildingExport().withMembers(1, 3).csv(GBK);

        IngestBatch batch = csv(file, GBK, ',');

        assertThat(batch.rejects()).isEmpty();
        assertThat(batch.records()).extracting(RawRecord::getSourceKey).containsExactly("1", "2", "3");
        RawRecord first = batch.records().get(0);
        assertThat(first.getOperation()).isEqualTo(Operation.SNAPSHOT);
        assertThat(first.getSourcePosition()).isEqualTo("members.csv:2");
        assertThat(first.getContentType()).isEqualTo("application/json");
        assertThat(first.getSourceMeta()).containsEntry("file", "members.csv").containsKey("sha256");
        JsonNode payload = payload(first);
        assertThat(payload.get("姓名").asText()).isEqualTo("张芳1");
        assertThat(payload.get("出生日期").asText()).isEqualTo("1985-03-02");
        assertThat(payload.size()).isEqualTo(10);
    }

    @Test
    void detectsUtf8ByItsByteOrderMarkWhateverIsDeclared() throws Exception {
        byte[] file = Exports.aPartyBuildingExport().withMembers(7, 1).csvWithUtf8Bom();

        IngestBatch batch = csv(file, GBK, ',');

        assertThat(batch.records()).singleElement().satisfies(r -> {
            assertThat(r.getSourceKey()).isEqualTo("7");
            assertThat(payload(r).get("所在支部").asText()).isEqualTo("第一支部");
        });
    }

    @Test
    void readsQuotedCellsWithDelimitersQuotesAndLineBreaksAndAnyDelimiter() throws Exception {
        String text = "序号;姓名;居住地址\n1;\"王\"\"小\"\"二\";\"阳光花园3栋;\n2单元\"\n\n2;李四;阳光花园4栋\n";

        IngestBatch batch = csv(text.getBytes(StandardCharsets.UTF_8), null, ';');

        assertThat(batch.records()).extracting(RawRecord::getSourcePosition).containsExactly("members.csv:2", "members.csv:5");
        assertThat(payload(batch.records().get(0)).get("姓名").asText()).isEqualTo("王\"小\"二");
        assertThat(payload(batch.records().get(0)).get("居住地址").asText()).isEqualTo("阳光花园3栋;\n2单元");
    }

    @Test
    void rejectsARowWithTheWrongColumnCountKeepingItsOriginalBytesAndGoesOn() throws Exception {
        String text = Exports.aPartyBuildingExport().withMembers(1, 1).csvText() + "2,只有三列,男\r\n"
                + Exports.aPartyBuildingExport().withMembers(3, 1).csvText().lines().skip(1).findFirst().orElseThrow() + "\r\n";

        IngestBatch batch = csv(text.getBytes(GBK), GBK, ',');

        assertThat(batch.records()).extracting(RawRecord::getSourceKey).containsExactly("1", "3");
        RejectedRecord reject = batch.rejects().get(0);
        assertThat(reject.getReason()).isEqualTo(RejectReason.CSV_COLUMN_COUNT.name());
        assertThat(reject.getSourcePosition()).isEqualTo("members.csv:3");
        assertThat(reject.getMessage()).isEqualTo("line 3 has 3 columns where the header has 10.").doesNotContain("只有");
        assertThat(bytes(reject)).isEqualTo("2,只有三列,男".getBytes(GBK));
        assertThat(reject.getContentType()).isEqualTo("text/csv; charset=GBK");
    }

    @Test
    void rejectsARowWhoseKeyIsEmpty() throws Exception {
        String text = Exports.aPartyBuildingExport().row("", "无号", "男", "", "", "", "", "", "", "").withMembers(2, 1).csvText();

        IngestBatch batch = csv(text.getBytes(StandardCharsets.UTF_8), null, ',');

        assertThat(batch.records()).extracting(RawRecord::getSourceKey).containsExactly("2");
        assertThat(batch.rejects()).singleElement().satisfies(r -> {
            assertThat(r.getReason()).isEqualTo("KEY_MISSING");
            assertThat(r.getMessage()).isEqualTo("line 2 has no value in the key column(s) 序号.");
        });
    }

    @Test
    void refusesAFileThatIsNotValidInItsEncodingNamingTheFix() {
        byte[] gbk = Exports.aPartyBuildingExport().withMembers(1, 2).csv(GBK);

        assertThatThrownBy(() -> CsvReader.read(gbk, null, ','))
                .isInstanceOfSatisfying(UnreadableFile.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_UNDECODABLE);
                    assertThat(e.getMessage()).startsWith("the file is not valid UTF-8 (no byte order mark, and source.encoding is not set)");
                    assertThat(e.fix()).contains("source.encoding");
                });
    }

    @Test
    void refusesAHeaderWithoutTheKeyColumn() {
        assertThatThrownBy(() -> TableRecords.checkHeader(List.of("编号", "姓名"), List.of("序号")))
                .isInstanceOfSatisfying(UnreadableFile.class, e -> assertThat(e.getMessage())
                        .isEqualTo("the key column(s) 序号 are not in the header (it has: 编号, 姓名)."));
    }

    @Test
    void readsANamedXlsxSheetKeepingNumbersPlainAndDatesAsSerials() throws Exception {
        byte[] workbook = Exports.aPartyBuildingExport()
                .row(1, "陈晓明", "男", "36050219850302001X", 31108, "汉族", 13800138000L, "阳光花园3-2-401", "第二支部", 40360)
                .row(2.5, "李丽", "女", "", 31109.0, "", "", "", "", "")
                .xlsx("党员", true);

        SpreadsheetReader.Result result = SpreadsheetReader.read(workbook, "党员");
        IngestBatch.Builder batch = IngestBatch.builder("party-building", "members.xlsx", null);
        TableRecords.add(batch, result.table(), List.of("序号"), "members.xlsx", Map.of("file", "members.xlsx"), true, result.overlongRows());

        List<RawRecord> records = batch.build().records();
        assertThat(records).extracting(RawRecord::getSourceKey).containsExactly("1", "2.5");
        assertThat(records).extracting(RawRecord::getSourcePosition).containsExactly("members.xlsx:2", "members.xlsx:3");
        JsonNode first = payload(records.get(0));
        assertThat(first.get("出生日期").asText()).isEqualTo("31108");
        assertThat(first.get("联系电话").asText()).isEqualTo("13800138000");
        assertThat(first.get("身份证号").asText()).isEqualTo("36050219850302001X");
        assertThat(payload(records.get(1)).get("民族").asText()).isEmpty();
    }

    @Test
    void refusesAWorkbookWithoutTheNamedSheetAndAFileThatIsNoWorkbook() {
        byte[] workbook = Exports.aPartyBuildingExport().withMembers(1, 1).xlsx("Sheet1", false);

        assertThatThrownBy(() -> SpreadsheetReader.read(workbook, "党员"))
                .isInstanceOfSatisfying(UnreadableFile.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.XLSX_UNREADABLE);
                    assertThat(e.getMessage()).contains("no sheet named 党员 (it has: Sheet1)");
                });
        assertThatThrownBy(() -> SpreadsheetReader.read("not a workbook".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOfSatisfying(UnreadableFile.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.XLSX_UNREADABLE));
    }

    private static IngestBatch csv(byte[] file, Charset declared, char delimiter) throws UnreadableFile {
        Table table = CsvReader.read(file, declared, delimiter);
        TableRecords.checkHeader(table.header(), List.of("序号"));
        IngestBatch.Builder batch = IngestBatch.builder("party-building", "members.csv", null);
        TableRecords.add(batch, table, List.of("序号"), "members.csv", Map.of("file", "members.csv", "sha256", FileDropIngest.sha256(file)),
                false, List.of());
        return batch.build();
    }

    private static JsonNode payload(RawRecord record) {
        try {
            return JSON.readTree(bytesOf(record.getPayload()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(RejectedRecord reject) {
        return bytesOf(reject.getOriginalPayload());
    }

    private static byte[] bytesOf(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}

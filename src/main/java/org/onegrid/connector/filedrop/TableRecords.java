package org.onegrid.connector.filedrop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onegrid.connector.IngestBatch;
import org.onegrid.connector.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a file's table into raw records (one per data row: a JSON object of header to cell text, keyed by the key
 * columns joined with {@code |}) and rejects (wrong column count, empty key). Messages name lines and columns,
 * never values.
 */
final class TableRecords {

    private static final Logger log = LoggerFactory.getLogger(TableRecords.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROGRESS_EVERY = 10_000;

    private TableRecords() {}

    /** Checks the header against the key; throws when the file as a whole cannot be taken. */
    static void checkHeader(List<String> header, List<String> key) throws UnreadableFile {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                throw new UnreadableFile(RejectReason.HEADER_INVALID, "column " + (i + 1) + " of the header has no name.",
                        "give every column a name in the header row, then drop the file again.");
            }
            if (!seen.add(name)) {
                throw new UnreadableFile(RejectReason.HEADER_INVALID, "the header names the column " + name + " twice.",
                        "make the column names unique, then drop the file again.");
            }
        }
        List<String> absent = key.stream().filter(k -> !seen.contains(k)).toList();
        if (!absent.isEmpty()) {
            throw new UnreadableFile(RejectReason.HEADER_INVALID, "the key column(s) " + String.join(", ", absent)
                            + " are not in the header (it has: " + String.join(", ", header) + ").",
                    "export the file with those columns, or correct key: in the connector file.");
        }
    }

    /**
     * @param overlongRows rows (spreadsheets) with values beyond the header's last column
     */
    static void add(IngestBatch.Builder batch, Table table, List<String> key, String fileName, Map<String, String> meta,
                    boolean spreadsheet, List<Integer> overlongRows) {
        List<String> header = table.header();
        int[] keyIndexes = key.stream().mapToInt(header::indexOf).toArray();
        Set<Integer> overlong = new HashSet<>(overlongRows);
        int read = 0;
        for (Table.Row row : table.rows()) {
            String position = fileName + ":" + row.position();
            List<String> cells = row.cells();
            if (!spreadsheet && !fits(cells, header.size())) {
                batch.reject(RejectReason.CSV_COLUMN_COUNT, "line " + row.position() + " has " + cells.size()
                        + " columns where the header has " + header.size() + ".", null, position, table.originalType(), row.original());
                continue;
            }
            String json = json(header, cells);
            byte[] original = row.original() != null ? row.original() : json.getBytes(StandardCharsets.UTF_8);
            if (overlong.contains(row.position())) {
                batch.reject(RejectReason.XLSX_COLUMN_COUNT, "row " + row.position() + " has values beyond the header's "
                        + header.size() + " columns.", null, position, table.originalType(), original);
                continue;
            }
            List<String> parts = new ArrayList<>(keyIndexes.length);
            for (int index : keyIndexes) {
                parts.add(cells.get(index).strip());
            }
            if (parts.stream().anyMatch(String::isEmpty)) {
                batch.reject(RejectReason.KEY_MISSING, (spreadsheet ? "row " : "line ") + row.position()
                        + " has no value in the key column(s) " + String.join(", ", key) + ".", null, position, table.originalType(), original);
                continue;
            }
            batch.snapshot(String.join("|", parts), position, json, meta);
            if (++read % PROGRESS_EVERY == 0) {
                log.info("{}: {} of {} rows read", fileName, read, table.rows().size());
            }
        }
    }

    /** A CSV row fits when it has the header's columns, or more that are all empty (a trailing delimiter). */
    private static boolean fits(List<String> cells, int width) {
        if (cells.size() < width) {
            return false;
        }
        for (int i = width; i < cells.size(); i++) {
            if (!cells.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static String json(List<String> header, List<String> cells) {
        ObjectNode object = JSON.createObjectNode();
        for (int i = 0; i < header.size(); i++) {
            object.put(header.get(i), cells.get(i));
        }
        try {
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON object of strings cannot fail to serialize", e);
        }
    }
}

package org.onegrid.connector.filedrop;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.onegrid.connector.RejectReason;

/**
 * CSV as departments export it: UTF-8 or GBK (declared, or said by a byte order mark), quoted fields with doubled
 * quotes and line breaks inside, any one-character delimiter, CRLF or LF. Decoding is strict: a byte that is not
 * valid in the encoding makes the whole file unreadable rather than a silently garbled name.
 */
final class CsvReader {

    private CsvReader() {}

    static Table read(byte[] bytes, Charset declared, char delimiter) throws UnreadableFile {
        Charset charset = declared == null ? StandardCharsets.UTF_8 : declared;
        int skip = 0;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            skip = 3;
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        }
        String text = decode(bytes, skip, charset, declared == null && skip == 0);
        List<Table.Row> records = parse(text, delimiter, charset);
        int first = 0;
        while (first < records.size() && blank(records.get(first).cells())) {
            first++;
        }
        if (first == records.size()) {
            throw new UnreadableFile(RejectReason.HEADER_INVALID, "the file has no header row (it is empty).",
                    "export the file again with a header row of column names.");
        }
        List<String> header = new ArrayList<>(records.get(first).cells().stream().map(String::strip).toList());
        while (!header.isEmpty() && header.get(header.size() - 1).isEmpty()) {
            header.remove(header.size() - 1);
        }
        List<Table.Row> rows = records.subList(first + 1, records.size()).stream().filter(r -> !blank(r.cells())).toList();
        return new Table(header, rows, "text/csv; charset=" + charset.name());
    }

    private static String decode(byte[] bytes, int skip, Charset charset, boolean assumed) throws UnreadableFile {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 16);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new UnreadableFile(RejectReason.PAYLOAD_UNDECODABLE,
                    "the file is not valid " + charset.name() + (assumed ? " (no byte order mark, and source.encoding is not set)" : "")
                            + ": the first bad byte is at offset " + in.position() + ".",
                    assumed ? "set source.encoding (GBK for most Chinese exports) in the connector file, then drop the file again."
                            : "check source.encoding against how the file was exported (UTF-8 or GBK), then drop the file again.");
        }
        out.flip();
        return out.toString();
    }

    /** RFC 4180 with a chosen delimiter; a row's position is the line it starts on. */
    private static List<Table.Row> parse(String text, char delimiter, Charset charset) {
        List<Table.Row> rows = new ArrayList<>();
        int i = 0;
        int line = 1;
        int n = text.length();
        while (i < n) {
            int start = i;
            int startLine = line;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean cellStarted = false;
            int end = n;
            while (i < n) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            cell.append('"');
                            i += 2;
                        } else {
                            quoted = false;
                            i++;
                        }
                    } else {
                        if (c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
                            line++;
                        }
                        cell.append(c);
                        i++;
                    }
                } else if (c == delimiter) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    cellStarted = false;
                    i++;
                } else if (c == '"' && !cellStarted) {
                    quoted = true;
                    cellStarted = true;
                    i++;
                } else if (c == '\r' || c == '\n') {
                    end = i;
                    i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
                    line++;
                    break;
                } else {
                    cell.append(c);
                    cellStarted = true;
                    i++;
                }
            }
            cells.add(cell.toString());
            rows.add(new Table.Row(startLine, List.copyOf(cells), text.substring(start, Math.min(end, n)).getBytes(charset)));
        }
        return rows;
    }

    private static boolean blank(List<String> cells) {
        return cells.stream().allMatch(String::isBlank);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

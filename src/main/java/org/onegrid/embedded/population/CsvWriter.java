package org.onegrid.embedded.population;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes RFC 4180 CSV (CRLF line ends, fields quoted when they contain a comma, quote or line break)
 * in a given charset, as department exports come: UTF-8 or GBK with Chinese headers. A character
 * the charset cannot encode is an error, never a silent '?'. Nulls are written as empty fields.
 */
public final class CsvWriter implements Closeable {

    private final BufferedWriter out;
    private final int columns;

    public CsvWriter(Path file, Charset charset, List<String> header) {
        try {
            this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                    charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.columns = header.size();
        row(header);
    }

    public void row(List<?> values) {
        if (values.size() != columns) {
            throw new IllegalArgumentException("expected " + columns + " fields, got " + values.size());
        }
        try {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                Object v = values.get(i);
                if (v != null) {
                    field(v.toString());
                }
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void field(String s) throws IOException {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.write(s);
            return;
        }
        out.write('"');
        out.write(s.replace("\"", "\"\""));
        out.write('"');
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

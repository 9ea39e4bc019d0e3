package org.onegrid.connector.filedrop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.onegrid.connector.ConnectorCatalog;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorException;
import org.onegrid.connector.ConnectorHeaders;
import org.onegrid.connector.IngestBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the file-drop route template ({@code routes/file-drop.yaml}), one method per step: fingerprint a
 * dropped file, read it into a batch, then (after the raw sink has Kafka's acknowledgement) remember it or write
 * why it failed. The route moves the file to {@code done/} or {@code failed/} when the exchange completes.
 */
@Component("fileDropIngest")
public final class FileDropIngest {

    static final String SHA256 = "OneGridSha256";
    static final String FAILURE_MESSAGE = "OneGridFailureMessage";
    static final String FAILURE_FIX = "OneGridFailureFix";
    /** A rejected file's original bytes are capped so the reject fits in a Kafka message; the file is in failed/. */
    static final int MAX_ORIGINAL_BYTES = 900_000;
    private static final Logger log = LoggerFactory.getLogger(FileDropIngest.class);

    private final ConnectorCatalog catalog;
    private final Map<String, ProcessedFiles> processed = new ConcurrentHashMap<>();

    FileDropIngest(ConnectorCatalog catalog) {
        this.catalog = catalog;
    }

    /** Reads the file's bytes into the body and says whether an identical file was ingested before. */
    public void fingerprint(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        byte[] bytes = message.getMandatoryBody(byte[].class);
        message.setBody(bytes);
        String sha256 = sha256(bytes);
        message.setHeader(SHA256, sha256);
        message.setHeader(ConnectorHeaders.DUPLICATE, processed(connector(exchange)).contains(sha256));
    }

    /** Turns the file into an {@link IngestBatch}: a record per good row, a reject per bad one, or one for the file. */
    public void read(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        ConnectorDefinition definition = connector(exchange);
        FileDropSource source = definition.source(FileDropSource.class);
        byte[] bytes = message.getMandatoryBody(byte[].class);
        String fileName = message.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Long modified = message.getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
        Instant sourceTime = modified == null ? null : Instant.ofEpochMilli(modified);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("file", fileName);
        meta.put("sha256", message.getHeader(SHA256, String.class));
        IngestBatch.Builder batch = IngestBatch.builder(definition.id(), fileName, sourceTime);
        boolean spreadsheet = source.format().spreadsheet(fileName);
        log.info("Connector {}: reading {} ({} bytes, {})", definition.id(), fileName, bytes.length, spreadsheet ? "spreadsheet" : "CSV");
        try {
            Table table;
            List<Integer> overlong = List.of();
            if (spreadsheet) {
                SpreadsheetReader.Result result = SpreadsheetReader.read(bytes, source.sheet());
                table = result.table();
                overlong = result.overlongRows();
                if (source.sheet() != null) {
                    meta.put("sheet", source.sheet());
                }
            } else {
                table = CsvReader.read(bytes, source.encoding(), source.delimiter());
            }
            TableRecords.checkHeader(table.header(), definition.key());
            TableRecords.add(batch, table, definition.key(), fileName, meta, spreadsheet, overlong);
            message.setHeader(ConnectorHeaders.OUTCOME, FileDropType.DONE);
        } catch (UnreadableFile e) {
            boolean capped = bytes.length > MAX_ORIGINAL_BYTES;
            batch.reject(e.reason(), e.getMessage() + (capped ? " (original: the first " + MAX_ORIGINAL_BYTES + " bytes; the file is in failed/)" : ""),
                    null, fileName, spreadsheet ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv",
                    capped ? Arrays.copyOf(bytes, MAX_ORIGINAL_BYTES) : bytes);
            message.setHeader(ConnectorHeaders.OUTCOME, FileDropType.FAILED);
            message.setHeader(ConnectorHeaders.FAILURE_REASON, e.reason().name());
            message.setHeader(FAILURE_MESSAGE, e.getMessage());
            message.setHeader(FAILURE_FIX, e.fix());
            log.warn("Connector {}: {} cannot be read: {} {}", definition.id(), fileName, e.reason(), e.getMessage());
        }
        message.setBody(batch.build());
    }

    /** After Kafka acknowledged everything: the file will not be ingested again if dropped again unchanged. */
    public void remember(Exchange exchange) {
        Message message = exchange.getMessage();
        processed(connector(exchange)).add(message.getHeader(SHA256, String.class), message.getHeader(Exchange.FILE_NAME_ONLY, String.class));
    }

    /** After Kafka acknowledged the reject: writes {@code failed/<file>.reason.txt} next to where the file goes. */
    public void writeReason(Exchange exchange) {
        Message message = exchange.getMessage();
        FileDropSource source = connector(exchange).source(FileDropSource.class);
        String fileName = message.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String text = "file: " + fileName + "\n"
                + "reason: " + message.getHeader(ConnectorHeaders.FAILURE_REASON, String.class) + "\n"
                + "what: " + message.getHeader(FAILURE_MESSAGE, String.class) + "\n"
                + "fix: " + message.getHeader(FAILURE_FIX, String.class) + "\n"
                + "at: " + Instant.now() + "\n"
                + "The file's bytes are also on the topic onegrid.rejected.\n";
        Path reason = source.path().resolve(FileDropType.FAILED).resolve(fileName + ".reason.txt");
        try {
            Files.createDirectories(reason.getParent());
            Files.writeString(reason, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConnectorException("cannot write " + reason, e);
        }
    }

    private ConnectorDefinition connector(Exchange exchange) {
        String id = exchange.getMessage().getHeader(ConnectorHeaders.CONNECTOR, String.class);
        return catalog.definition(id).orElseThrow(() -> new ConnectorException("no connector " + id + " in the catalog"));
    }

    private ProcessedFiles processed(ConnectorDefinition definition) {
        return processed.computeIfAbsent(definition.id(), id -> new ProcessedFiles(definition.source(FileDropSource.class).path()));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

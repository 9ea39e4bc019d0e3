package org.onegrid.connector.debezium;

import io.debezium.config.Configuration;
import io.debezium.document.DocumentReader;
import io.debezium.relational.history.HistoryRecord;
import io.debezium.relational.history.HistoryRecordComparator;
import io.debezium.relational.history.SchemaHistoryException;
import io.debezium.relational.history.SchemaHistoryListener;
import io.debezium.storage.file.history.FileSchemaHistory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB/MySQL connector's schema history ({@code <state-dir>/schema-history.dat}): the DDL of the captured tables,
 * one JSON document a line, in Debezium's format, which the connector reads at every start to know the columns of the
 * rows in the binlog. Debezium's {@link FileSchemaHistory} appends a line through a buffered writer, without forcing
 * it to disk, and only logs a failed write: a kill -9 in the middle of an append leaves a torn last line, which the
 * next start cannot parse, so the connector would not start again; a failed write would leave a DDL out while the
 * offsets move past it.
 *
 * <p>This history does two things differently. It appends each record in one write of the whole line and its newline,
 * forces it to disk, and fails the engine (which then starts again from the committed offsets) when that cannot be
 * done; the store returns only then. And at start it drops a torn last line, with a warning. Dropping it is safe:
 * Debezium stores a DDL's record in the thread that reads the binlog, before it emits anything at a later position,
 * and the offsets are committed only for what Kafka acknowledged, so while the line was still being written no offset
 * past that DDL can have been committed. The restarted connector reads the binlog from the committed offsets, meets
 * the DDL again and stores it again. During a snapshot the same holds: an interrupted snapshot is taken again, with
 * the tables' definitions. Only the last line can be torn by a crash; a bad line anywhere else is left for Debezium to
 * refuse, as damage this class cannot explain.
 *
 * <p>Public only because the Debezium engine creates its schema history by class name ({@code schema.history.internal}).
 */
public final class SchemaHistoryFile extends FileSchemaHistory {

    private static final Logger log = LoggerFactory.getLogger(SchemaHistoryFile.class);

    private Path file;

    @Override
    public void configure(Configuration config, HistoryRecordComparator comparator, SchemaHistoryListener listener, boolean useCatalogBeforeSchema) {
        super.configure(config, comparator, listener, useCatalogBeforeSchema);
        file = Path.of(config.getString(FILE_PATH));
    }

    @Override
    protected void doStart() {
        try {
            dropTornLastLine(file).ifPresent(torn -> log.warn("Schema history {}: dropped a torn last line ({} bytes), left by a "
                    + "process stopped while writing it. Nothing is lost: the offsets had not been committed past that DDL, so the "
                    + "connector reads it again from the binlog and stores it again.", file, torn.length()));
        } catch (IOException e) {
            throw new SchemaHistoryException("the schema history " + file + " cannot be read or repaired (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")", e);
        }
        super.doStart();
    }

    @Override
    protected void doStoreRecord(HistoryRecord record) {
        String line;
        try {
            line = documentWriter.write(record.document());
        } catch (IOException e) {
            throw new SchemaHistoryException("a schema history record cannot be written as JSON", e);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(line + "\n");
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new SchemaHistoryException("the schema history " + file + " cannot be written (" + e.getClass().getSimpleName()
                    + "); the connector starts again from its committed offsets", e);
        }
        records.add(record);
    }

    /**
     * Cuts a torn last line off a schema history file: one without its newline, or one that is not a whole JSON
     * document. Returns the dropped text, or empty when the file ends with a whole line (or is empty or missing).
     */
    static Optional<String> dropTornLastLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] content = Files.readAllBytes(file);
        int end = content.length;
        while (end > 0 && content[end - 1] == '\n') {
            end--;
        }
        if (end == 0) {
            return Optional.empty();
        }
        int start = end;
        while (start > 0 && content[start - 1] != '\n') {
            start--;
        }
        String last = new String(content, start, end - start, StandardCharsets.UTF_8);
        if (end < content.length && isWholeDocument(last)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(start);
            channel.force(true);
        }
        return Optional.of(last);
    }

    private static boolean isWholeDocument(String line) {
        if (line.isBlank()) {
            return true;
        }
        try {
            DocumentReader.defaultReader().read(line);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}

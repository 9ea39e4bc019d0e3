package org.onegrid.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where a polling connector is in its source (a timestamp, a page token, a key), kept in one small JSON file, by
 * default {@code var/connectors/<connector>/cursor.json}. A write replaces the file whole: the new content goes to a
 * temporary file that is forced to disk and then moved over the old one, so a crash leaves either the old cursor or
 * the new one, never a torn one. Types write it only after Kafka acknowledged what the cursor moves past.
 *
 * <p>The content is the type's own (an object it reads back); it must never hold a secret or a personal value.
 */
public final class CursorFile {

    /** The file's name inside a connector's state folder. */
    public static final String NAME = "cursor.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    private CursorFile(Path file) {
        this.file = file;
    }

    /** The cursor file in a connector's state folder. */
    public static CursorFile in(Path stateDir) {
        return new CursorFile(stateDir.resolve(NAME));
    }

    public Path path() {
        return file;
    }

    /** The stored cursor, empty when none was stored yet. */
    public Optional<ObjectNode> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new ConnectorException("the cursor file " + file + " is not a JSON object; move it away to read the source again from the start");
            }
            return Optional.of((ObjectNode) node);
        } catch (IOException e) {
            throw new ConnectorException("the cursor file " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + "); move it away to read the source again from the start", e);
        }
    }

    /** Replaces the stored cursor; returns once it is on disk. */
    public void write(ObjectNode cursor) {
        try {
            replaceWhole(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(cursor));
        } catch (IOException e) {
            throw new ConnectorException("the cursor file " + file + " cannot be written (" + e.getClass().getSimpleName()
                    + "); the last unit will be read again", e);
        }
    }

    /**
     * Replaces a state file whole, as the cursor is: the content goes to {@code <name>.tmp} beside it, is forced to
     * disk, and the temporary file is moved over the old one. A process killed at any moment leaves the old content or
     * the new, never an empty or torn file. Returns once the new content is on disk.
     */
    public static void replaceWhole(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forgets the cursor: the source is read again from the start (a new snapshot). */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ConnectorException("the cursor file " + file + " cannot be deleted", e);
        }
    }
}

package org.onegrid.connector.debezium;

import io.debezium.embedded.KafkaConnectUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.onegrid.connector.CursorFile;

/**
 * A change-data-capture connector's offsets file ({@code <state-dir>/offsets.dat}), in Kafka Connect's format, replaced
 * whole at every write the way a polling connector's cursor is ({@link CursorFile#replaceWhole}). Kafka's own file
 * store truncates the file and writes it again in place: a process killed between the two leaves an empty or torn
 * file, which it reads as "no offsets", so the connector would snapshot again and never write the deletes made while
 * it was down. With this store a kill leaves the offsets of the last batch written or of the one before.
 *
 * <p>Public only because the Debezium engine creates its offset store by class name ({@code offset.storage}).
 */
public final class OffsetsFile extends FileOffsetBackingStore {

    private Path file;

    public OffsetsFile() {
        super(KafkaConnectUtil.converterForOffsetStore());
    }

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        file = Path.of(config.getString(StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG));
    }

    @Override
    protected void save() {
        try {
            // The content Kafka's store writes (a serialized HashMap of key bytes to value bytes), so either reads the other's.
            Map<byte[], byte[]> raw = new HashMap<>();
            data.forEach((key, value) -> raw.put(key == null ? null : key.array(), value == null ? null : value.array()));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(raw);
            }
            CursorFile.replaceWhole(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new ConnectException("the offsets file " + file + " cannot be written (" + e.getClass().getSimpleName()
                    + "); the batch will be read again", e);
        }
    }
}

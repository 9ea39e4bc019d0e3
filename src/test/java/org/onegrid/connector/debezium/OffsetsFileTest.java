package org.onegrid.connector.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debezium.embedded.KafkaConnectUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offsets file of the change-data-capture connectors: Kafka Connect's format, so files written before it (by
 * Kafka's own store) are read, and replaced whole, so a write that does not complete leaves the previous offsets.
 */
class OffsetsFileTest {

    private static final ByteBuffer KEY = bytes("[\"onegrid\",{\"server\":\"onegrid_civil_affairs\"}]");

    @TempDir
    Path dir;

    @Test
    void readsOffsetsKafkasOwnStoreWroteAndWritesOffsetsItReads() throws Exception {
        Path file = dir.resolve("offsets.dat");
        MemoryOffsetBackingStore kafkas = configured(new FileOffsetBackingStore(KafkaConnectUtil.converterForOffsetStore()), file);
        kafkas.set(Map.of(KEY, bytes("{\"lsn\":100}")), null).get();
        kafkas.stop();

        MemoryOffsetBackingStore ours = configured(new OffsetsFile(), file);
        assertThat(ours.get(List.of(KEY)).get()).containsEntry(KEY, bytes("{\"lsn\":100}"));
        ours.set(Map.of(KEY, bytes("{\"lsn\":200}")), null).get();
        ours.stop();

        MemoryOffsetBackingStore kafkasAgain = configured(new FileOffsetBackingStore(KafkaConnectUtil.converterForOffsetStore()), file);
        assertThat(kafkasAgain.get(List.of(KEY)).get()).containsEntry(KEY, bytes("{\"lsn\":200}"));
        kafkasAgain.stop();
    }

    @Test
    void keepsThePreviousOffsetsWholeWhenAWriteDoesNotComplete() throws Exception {
        Path file = dir.resolve("offsets.dat");
        MemoryOffsetBackingStore store = configured(new OffsetsFile(), file);
        store.set(Map.of(KEY, bytes("{\"lsn\":100}")), null).get();
        // Where the new content would be written aside, something that cannot be written: the write fails half-way.
        Files.createDirectories(dir.resolve("offsets.dat.tmp").resolve("in-the-way"));

        assertThatThrownBy(() -> store.set(Map.of(KEY, bytes("{\"lsn\":200}")), null).get())
                .isInstanceOf(ExecutionException.class).hasMessageContaining("offsets file");
        store.stop();

        MemoryOffsetBackingStore restarted = configured(new OffsetsFile(), file);
        assertThat(restarted.get(List.of(KEY)).get()).containsEntry(KEY, bytes("{\"lsn\":100}"));
        restarted.stop();
    }

    private static MemoryOffsetBackingStore configured(MemoryOffsetBackingStore store, Path file) {
        store.configure(new StandaloneConfig(Map.of(
                StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, file.toString(),
                StandaloneConfig.KEY_CONVERTER_CLASS_CONFIG, JsonConverter.class.getName(),
                StandaloneConfig.VALUE_CONVERTER_CLASS_CONFIG, JsonConverter.class.getName())));
        store.start();
        return store;
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}

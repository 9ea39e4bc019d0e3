package org.onegrid.connector.filedrop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The SHA-256 of every file a connector ingested, kept in {@code .onegrid-processed} inside its folder (one line per
 * file, appended and synced before the file moves to done/), so a re-dropped identical file is recognised after a
 * restart too. Failed files are not remembered: dropped again after a fix of the connector file, they are read.
 */
final class ProcessedFiles {

    static final String FILE = ".onegrid-processed";

    private final Path store;
    private Set<String> hashes;

    ProcessedFiles(Path folder) {
        this.store = folder.resolve(FILE);
    }

    synchronized boolean contains(String sha256) {
        return loaded().contains(sha256);
    }

    synchronized void add(String sha256, String fileName) {
        if (!loaded().add(sha256)) {
            return;
        }
        String line = sha256 + "\t" + Instant.now() + "\t" + fileName.replaceAll("[\\t\\r\\n]", " ") + "\n";
        try {
            Files.writeString(store, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a processed file in " + store, e);
        }
    }

    private Set<String> loaded() {
        if (hashes == null) {
            hashes = new HashSet<>();
            if (Files.exists(store)) {
                try {
                    for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                        if (!line.isBlank()) {
                            hashes.add(line.split("\t", 2)[0]);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the processed files of " + store.getParent(), e);
                }
            }
        }
        return hashes;
    }
}

package org.onegrid.connector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Drops a file into a watched folder the way a department's transfer should: written aside, then moved in at once. */
public final class Drops {

    private Drops() {}

    public static void drop(Path inbox, String name, byte[] content) {
        try {
            Files.createDirectories(inbox);
            Path staging = Files.createTempFile(inbox.getParent(), "staging", ".part");
            Files.write(staging, content);
            Files.move(staging, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A connector file for a file-drop connector on {@code inbox}, with extra source lines, and the least mapping the
     * mapping stage accepts (the party-building export's name column).
     */
    public static void fileDropConnector(Path connectors, String id, Path inbox, String... sourceLines) {
        StringBuilder yaml = new StringBuilder("type: file-drop\ndepartment: 党建办\nkey: [序号]\nsource:\n  path: ")
                .append(inbox).append('\n');
        for (String line : sourceLines) {
            yaml.append("  ").append(line).append('\n');
        }
        yaml.append("mapping:\n  name: 姓名\n");
        write(connectors.resolve(id + ".yaml"), yaml.toString());
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

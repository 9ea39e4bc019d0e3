package org.onegrid.embedded.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The sandbox's credentials: made up at random on first start and kept in files (owner-readable only), which the
 * example connector files reference as {@code ${file:...}}. They are never printed.
 */
final class Secrets {

    private Secrets() {}

    static String getOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            String secret = HexFormat.of().formatHex(random);
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the file keeps the default permissions.
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the sandbox credential file " + file.getFileName(), e);
        }
    }
}

package org.onegrid.embedded.sandbox;

import java.nio.file.Path;

/**
 * Where the sandbox lives and how big its city is.
 *
 * @param dir data of the sandbox systems, the secrets they were given, the register and the truth
 * @param persons residents of the generated city
 * @param seed seed of the generated city
 * @param postgresPort civil affairs' PostgreSQL on 127.0.0.1
 * @param mariadbPort public security's MariaDB on 127.0.0.1
 * @param healthPort the health department's HTTP API on 127.0.0.1
 */
public record SandboxSettings(Path dir, int persons, long seed, int postgresPort, int mariadbPort, int healthPort) {

    public Path secret(String name) {
        return dir.resolve("secrets").resolve(name);
    }
}

package org.onegrid.config;

/**
 * One thing wrong with the configuration.
 *
 * @param where the file or property source, and the key, e.g. {@code application.yml: onegrid.kafka.port}
 * @param message what is wrong, never the value of a secret
 * @param fix what to do about it
 */
public record ConfigProblem(String where, String message, String fix) {

    @Override
    public String toString() {
        return where + ": " + message + (fix == null || fix.isBlank() ? "" : " Fix: " + fix);
    }
}

package org.onegrid.connector;

/**
 * One key a connector file may have: its name, whether it must be given, its default and what it means. Types
 * declare theirs ({@link ConnectorType#sourceKeys()}); validation names unknown keys with the closest known one, and
 * a test fails the build when a key is not in docs/connectors.md.
 *
 * @param name the key as written in YAML (kebab-case), relative to its block
 * @param required true when the file must give it
 * @param defaultValue the value used when it is absent, null when there is none
 * @param description what it means, for problem messages and docs
 */
public record DefinitionKey(String name, boolean required, String defaultValue, String description) {

    public static DefinitionKey required(String name, String description) {
        return new DefinitionKey(name, true, null, description);
    }

    public static DefinitionKey optional(String name, String defaultValue, String description) {
        return new DefinitionKey(name, false, defaultValue, description);
    }
}

package org.onegrid.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The connector files shipped in {@code connectors/} and the default settings, as a test reads and relocates them. */
public final class ShippedConnector {

    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());

    private ShippedConnector() {}

    public static JsonNode read(String id) throws IOException {
        return YAML.readTree(Path.of("connectors", id + ".yaml").toFile());
    }

    public static JsonNode applicationDefaults() throws IOException {
        return YAML.readTree(Path.of("src/main/resources/application.yml").toFile());
    }

    /**
     * Writes the shipped file {@code connectors/<id>.yaml} into {@code dir} with only its {@code source:} block edited
     * (where the database runs, where the secret and the offsets are): type, tables and the mapping stay as shipped.
     */
    public static Path relocate(String id, Path dir, Consumer<ObjectNode> sourceEdit) throws IOException {
        ObjectNode file = (ObjectNode) read(id);
        sourceEdit.accept((ObjectNode) file.get("source"));
        Path target = dir.resolve(id + ".yaml");
        YAML.writeValue(target.toFile(), file);
        return target;
    }
}

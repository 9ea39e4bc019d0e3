package org.onegrid.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Properties that run the service on its embedded defaults, but on free ports and a data directory of the test's own. */
public final class EmbeddedServiceProperties {

    private EmbeddedServiceProperties() {}

    public static Map<String, Object> on(Path dataDir) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("onegrid.kafka.embedded.port", FreePorts.next());
        properties.put("onegrid.kafka.embedded.controller-port", FreePorts.next());
        properties.put("onegrid.kafka.embedded.data-dir", dataDir.resolve("kafka").toString());
        properties.put("onegrid.sandbox.enabled", false);
        properties.put("onegrid.connectors.dir", dataDir.resolve("connectors").toString());
        properties.put("onegrid.mapping.grid-register", dataDir.resolve("grid-register.yaml").toString());
        properties.put("onegrid.resolve.state-dir", dataDir.resolve("streams").toString());
        properties.put("onegrid.security.subscribers-dir", dataDir.resolve("subscribers").toString());
        properties.put("logging.file.name", dataDir.resolve("log/onegrid.log").toString());
        return properties;
    }

    /** The same as command-line arguments for SpringApplication. */
    public static String[] asArguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}

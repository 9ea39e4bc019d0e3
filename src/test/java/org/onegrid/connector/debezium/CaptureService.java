package org.onegrid.connector.debezium;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.onegrid.OneGridApplication;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service on its embedded defaults, started and stopped by a test as an operator would. Its data (the
 * broker's log, the connectors' offsets) lives under one folder and its ports are chosen once, so a second
 * {@link #start()} is a restart of the same service.
 */
final class CaptureService {

    private final Map<String, Object> properties;

    private CaptureService(Map<String, Object> properties) {
        this.properties = properties;
    }

    /** The service on {@code dataDir}, reading the connector files in {@code dataDir/connectors}, with more settings. */
    static CaptureService on(Path dataDir, Map<String, Object> more) {
        Map<String, Object> properties = new LinkedHashMap<>(EmbeddedServiceProperties.on(dataDir));
        properties.putAll(more);
        return new CaptureService(properties);
    }

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(OneGridApplication.class).web(WebApplicationType.NONE)
                .run(EmbeddedServiceProperties.asArguments(properties));
    }
}

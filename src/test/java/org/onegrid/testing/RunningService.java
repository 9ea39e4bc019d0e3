package org.onegrid.testing;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that need the whole service running on its embedded defaults. Every subclass shares one
 * service (one Spring context, one embedded broker) for the test JVM, on free ports and a data directory
 * under target/, so the broker starts once.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Read while the environment is prepared, before the dynamic properties below exist: without them here the
        // sandbox departments would start on their fixed ports, and the log would go to var/log.
        properties = {"onegrid.sandbox.enabled=false", "logging.file.name=target/running-service/onegrid.log"})
public abstract class RunningService {

    private static final Map<String, Object> PROPERTIES =
            EmbeddedServiceProperties.on(Path.of("target", "running-service-" + ProcessHandle.current().pid()).toAbsolutePath());

    @DynamicPropertySource
    static void embeddedOnFreePorts(DynamicPropertyRegistry registry) {
        PROPERTIES.forEach((key, value) -> registry.add(key, () -> value));
    }
}

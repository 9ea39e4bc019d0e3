package org.onegrid.connector.debezium;

import java.time.Duration;
import org.onegrid.connector.ConnectorCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The three change-data-capture connector types, the {@code onegrid-debezium} Camel component their route templates
 * consume from, and the {@code /actuator/cdc} endpoint.
 */
@Configuration(proxyBeanMethods = false)
class CaptureConfiguration {

    /** How long a failed engine rests before it starts again from its last committed offset. */
    static final Duration RESTART_PAUSE = Duration.ofSeconds(5);

    @Bean
    DebeziumType debeziumPostgresType() {
        return new DebeziumType(Flavor.POSTGRES);
    }

    @Bean
    DebeziumType debeziumMariaDbType() {
        return new DebeziumType(Flavor.MARIADB);
    }

    @Bean
    DebeziumType debeziumMySqlType() {
        return new DebeziumType(Flavor.MYSQL);
    }

    @Bean
    CaptureRegistry captureRegistry() {
        return new CaptureRegistry();
    }

    @Bean(CaptureComponent.SCHEME)
    CaptureComponent captureComponent(ConnectorCatalog catalog, CaptureRegistry registry) {
        return new CaptureComponent(catalog, registry, RESTART_PAUSE);
    }

    @Bean
    CaptureEndpointOperations captureEndpointOperations(CaptureRegistry registry, ConnectorCatalog catalog) {
        return new CaptureEndpointOperations(registry, catalog);
    }
}

package org.onegrid.connector.internal;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.Topics;
import org.onegrid.config.OneGridProperties;
import org.onegrid.connector.ConnectorCatalog;
import org.onegrid.connector.ConnectorType;
import org.onegrid.connector.DefinitionCheck;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires connectors into the service. Bean names {@code rawSink} and {@code connectorStatuses} are referenced by the
 * route templates and the route configuration in {@code routes/}.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

    @Bean
    ConnectorStatuses connectorStatuses(MeterRegistry registry) {
        return new ConnectorStatuses(registry);
    }

    @Bean
    ConnectorCatalog connectorCatalog(OneGridProperties properties, List<ConnectorType> types, ObjectProvider<DefinitionCheck> checks) {
        return ConnectorCatalog.load(properties.connectors().dir(), types, checks.orderedStream().toList());
    }

    @Bean
    ConnectorStartup connectorStartup(ConnectorCatalog catalog, List<ConnectorType> types, ConnectorStatuses statuses,
                                      KafkaBackbone backbone) {
        return new ConnectorStartup(catalog, byName(types), statuses, backbone);
    }

    @Bean(destroyMethod = "close")
    RawSink rawSink(KafkaBackbone backbone, OneGridProperties properties, ConnectorStatuses statuses) {
        return new RawSink(backbone, Topics.rejected(properties.topics().rejectedRetention()).name(), statuses);
    }

    @Bean
    ConnectorRoutes connectorRoutes(ConnectorStartup startup, List<ConnectorType> types, ConnectorStatuses statuses) {
        return new ConnectorRoutes(startup, byName(types), statuses);
    }

    @Bean
    ConnectorsEndpoint connectorsEndpoint(ConnectorStatuses statuses) {
        return new ConnectorsEndpoint(statuses);
    }

    private static Map<String, ConnectorType> byName(List<ConnectorType> types) {
        Map<String, ConnectorType> byName = new LinkedHashMap<>();
        types.forEach(t -> byName.put(t.name(), t));
        return byName;
    }
}

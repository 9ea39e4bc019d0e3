package org.onegrid.connector.internal;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorState;
import org.onegrid.connector.ConnectorType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once Camel has started (and loaded the templates in {@code routes/}), adds one route per startable connector from
 * its type's template, with route id {@code <type>-<connector>}. A route that cannot be added or started makes its
 * connector FAILED, not the service.
 */
final class ConnectorRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRoutes.class);

    private final ConnectorStartup startup;
    private final Map<String, ConnectorType> types;
    private final ConnectorStatuses statuses;

    ConnectorRoutes(ConnectorStartup startup, Map<String, ConnectorType> types, ConnectorStatuses statuses) {
        this.startup = startup;
        this.types = types;
        this.statuses = statuses;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // Templates are loaded while Camel starts; routes are added after.
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        for (ConnectorDefinition definition : startup.startable()) {
            ConnectorType type = types.get(definition.type());
            String routeId = type.routeId(definition);
            try {
                TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(camelContext, type.name()).routeId(routeId);
                type.routeParameters(definition).forEach(builder::parameter);
                builder.add();
                ServiceStatus status = camelContext.getRouteController().getRouteStatus(routeId);
                if (status != null && status.isStarted()) {
                    statuses.state(definition.id(), ConnectorState.RUNNING);
                    log.info("Connector {} ({}, {}) is running as route {}", definition.id(), type.name(), definition.department(), routeId);
                } else {
                    statuses.state(definition.id(), ConnectorState.FAILED);
                    statuses.error(definition.id(), "route " + routeId + " did not start (" + status + ")");
                    log.warn("Connector {}: route {} did not start ({})", definition.id(), routeId, status);
                }
            } catch (Exception e) {
                statuses.state(definition.id(), ConnectorState.FAILED);
                statuses.error(definition.id(), "route " + routeId + " could not be created: " + e.getMessage());
                log.warn("Connector {}: route {} could not be created from template {} in routes/: {}", definition.id(), routeId,
                        type.name(), e.getMessage());
            }
        }
    }
}

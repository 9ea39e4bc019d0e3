package org.onegrid.connector.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.Topics;
import org.onegrid.config.ConfigProblem;
import org.onegrid.config.ConfigProblemsException;
import org.onegrid.connector.ConnectorCatalog;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorState;
import org.onegrid.connector.ConnectorType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, before Camel starts, which connectors run: a valid, enabled connector whose source can be reached gets
 * its raw topic and is STARTING; a non-required one with problems is FAILED (its problems logged) while the others
 * run; any problem of a required one refuses start-up, listed with every other required problem.
 */
final class ConnectorStartup {

    private static final Logger log = LoggerFactory.getLogger(ConnectorStartup.class);

    private final List<ConnectorDefinition> startable = new ArrayList<>();

    ConnectorStartup(ConnectorCatalog catalog, Map<String, ConnectorType> types, ConnectorStatuses statuses, KafkaBackbone backbone) {
        List<ConfigProblem> fatal = new ArrayList<>();
        for (ConnectorCatalog.Entry entry : catalog.entries()) {
            ConnectorDefinition definition = entry.definition();
            List<ConfigProblem> problems = new ArrayList<>(entry.problems());
            if (!definition.enabled()) {
                statuses.register(definition, ConnectorState.DISABLED, problems);
                problems.forEach(p -> log.info("Connector {} is disabled; its file has a problem: {}", definition.id(), p));
                continue;
            }
            if (problems.isEmpty()) {
                problems.addAll(types.get(definition.type()).checkConnectivity(definition));
            }
            if (problems.isEmpty()) {
                problems.addAll(backbone.ensureTopics(List.of(Topics.raw(definition.id()))));
            }
            if (problems.isEmpty()) {
                statuses.register(definition, ConnectorState.STARTING, problems, types.get(definition.type()).notes(definition));
                startable.add(definition);
            } else if (definition.required()) {
                fatal.addAll(problems);
            } else {
                statuses.register(definition, ConnectorState.FAILED, problems);
                problems.forEach(p -> log.warn("Connector {} is FAILED and does not run (the others do): {}", definition.id(), p));
            }
        }
        ConfigProblemsException.throwIfAny(fatal);
        log.info("{} connector file(s) in {}: {} to start", catalog.entries().size(), catalog.dir(), startable.size());
    }

    List<ConnectorDefinition> startable() {
        return List.copyOf(startable);
    }
}

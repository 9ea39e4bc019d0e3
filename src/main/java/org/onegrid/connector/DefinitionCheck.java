package org.onegrid.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.onegrid.config.ConfigProblem;

/**
 * Lets another package check its own part of a connector file while the catalog loads, so its problems are listed
 * with all the others and count against the connector the same way (FAILED, or start-up refused when required).
 * The mapping stage implements it as a Spring bean to bind and check {@code mapping:}.
 */
@FunctionalInterface
public interface DefinitionCheck {

    /**
     * Problems with one connector. Report {@code where} as {@code connectors/<file>: mapping.<key>} (see
     * {@link DefinitionProblems#where(String, String)}); never put a secret or a personal value in a message.
     *
     * @param definition the bound definition; its {@link ConnectorDefinition#mapping()} is the raw {@code mapping:}
     *     block ({@link com.fasterxml.jackson.databind.node.MissingNode} when the file has none)
     */
    List<ConfigProblem> check(ConnectorDefinition definition);

    /** Convenience for implementations: the mapping block, or null when the file has none. */
    static JsonNode mappingOrNull(ConnectorDefinition definition) {
        JsonNode mapping = definition.mapping();
        return mapping == null || mapping.isMissingNode() || mapping.isNull() ? null : mapping;
    }
}

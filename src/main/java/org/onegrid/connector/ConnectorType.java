package org.onegrid.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.onegrid.config.ConfigProblem;

/**
 * The extension point for a kind of source system. A type is a Spring bean implementing this interface, plus one
 * Camel route template {@code routes/<type>.yaml} with the id {@link #name()}; the service instantiates that template
 * once per connector file of this type, with the route id {@code <type>-<connector>} and the parameters
 * {@link #routeParameters} returns. The route ends by handing an {@code IngestBatch} to the {@code rawSink} bean,
 * which writes it to Kafka and returns only once every record is acknowledged; only then may the route mark its
 * unit of work done (commit an offset, move a file).
 *
 * <p>Implementations must not log field values, and must not resolve a {@link SecretRef} before it is needed.
 */
public interface ConnectorType {

    /** Every value {@code type:} may have; those without an implementing bean are reported as not available yet. */
    List<String> KNOWN = List.of("debezium-postgres", "debezium-mariadb", "debezium-mysql", "http-poll", "file-drop", "jdbc-poll");

    /** The value of {@code type:} this implements, and the id of its route template. */
    String name();

    /** The keys its {@code source:} block may have (documented in docs/connectors.md, checked by a test). */
    List<DefinitionKey> sourceKeys();

    /** Whether {@code key:} must be given; false for sources that know their own primary key (database tables). */
    default boolean keyRequired() {
        return true;
    }

    /**
     * Binds the {@code source:} block. Unknown and missing keys are already reported by {@code block}; report
     * meaning here (a delimiter of two characters, an unknown encoding). Secret references anywhere in the block are
     * checked by the catalog. Returns null only when nothing usable could be bound.
     */
    SourceSettings bindSource(DefinitionBlock block);

    /** Can the source be reached now (a folder writable, a database answering)? Separate from validation. */
    List<ConfigProblem> checkConnectivity(ConnectorDefinition definition);

    /** The route template's parameters for one connector: its id, and the endpoint options. */
    Map<String, Object> routeParameters(ConnectorDefinition definition);

    /**
     * What people must know about how this connector sees its source, shown in its status (e.g. "rows deleted in the
     * source are not seen"). Plain sentences, no values.
     */
    default List<String> notes(ConnectorDefinition definition) {
        return List.of();
    }

    /** The route id of one connector of this type: fixed and kebab-case, so tests and operators can reach it. */
    default String routeId(ConnectorDefinition definition) {
        return name() + "-" + definition.id();
    }

    /** For types whose source block is not read yet: keeps it as it is. */
    static SourceSettings unbound(JsonNode source) {
        return new UnboundSource(source);
    }

    /** The source block of a type that is recognised but not available yet. */
    record UnboundSource(JsonNode raw) implements SourceSettings {}
}

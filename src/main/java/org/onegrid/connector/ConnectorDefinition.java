package org.onegrid.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One file {@code connectors/<id>.yaml}, bound and checked. docs/connectors.md explains every key; a test fails the
 * build when a key in {@link #KEYS} or a type's {@link ConnectorType#sourceKeys()} is not documented there.
 *
 * @param id the file name without {@code .yaml}; names the raw topic {@code onegrid.raw.<id>} and the route
 * @param file the file name, for problem reports ({@code connectors/<file>: <key>: ...})
 * @param type the connector type, e.g. {@code file-drop}
 * @param department who owns the source system, for people (status, dashboards)
 * @param enabled false: the file is read and checked, but nothing runs
 * @param required true: any problem with this connector stops the service from starting
 * @param key the source columns whose values, joined with {@code |}, are a record's source key
 * @param source the type's own settings, bound by the type ({@link ConnectorType#bindSource})
 * @param mapping the {@code mapping:} block, untouched: the mapping package binds and checks it
 */
public record ConnectorDefinition(
        String id,
        String file,
        String type,
        String department,
        boolean enabled,
        boolean required,
        List<String> key,
        SourceSettings source,
        JsonNode mapping) {

    /** The keys every connector file may have, whatever its type. */
    public static final List<DefinitionKey> KEYS = List.of(
            DefinitionKey.required("type", "the kind of source system: " + String.join(", ", ConnectorType.KNOWN)),
            DefinitionKey.required("department", "who owns the source system, as people say it (e.g. 党建办 party building)"),
            DefinitionKey.optional("enabled", "true", "false: read and check the file, run nothing"),
            DefinitionKey.optional("required", "false",
                    "true: a problem with this connector stops start-up; false: the connector is marked FAILED and the others run"),
            DefinitionKey.optional("key", null,
                    "the source columns that identify a record; their values joined with | are the source key (required by file-drop, jdbc-poll, http-poll)"),
            DefinitionKey.required("source", "the type's own settings (where the data is, formats, credentials as references)"),
            DefinitionKey.optional("mapping", null, "how source columns map onto the shared schema; bound and checked by the mapping stage"));

    public ConnectorDefinition {
        key = key == null ? List.of() : List.copyOf(key);
    }

    /** The source settings of one type, e.g. {@code definition.source(FileDropSource.class)}. */
    public <S extends SourceSettings> S source(Class<S> type) {
        return type.cast(source);
    }
}

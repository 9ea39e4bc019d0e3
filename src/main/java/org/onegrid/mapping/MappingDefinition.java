package org.onegrid.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.onegrid.config.ConfigProblem;
import org.onegrid.config.ConfigProblemsException;

/**
 * A connector's {@code mapping:} block, validated: which source columns give which shared field, through which
 * transforms and code tables. docs/mapping.md describes every key.
 *
 * <p>Reading a block collects every problem before failing (an unknown shared field, transform, code table or key,
 * each with its fix), so a connector file is corrected in one pass. Immutable and thread-safe.
 */
public final class MappingDefinition {

    private final String connectorId;
    private final String file;
    private final Map<SharedField, FieldSpec> fields;
    private final Map<String, FieldSpec> addressParts;
    private final List<FieldSpec> phones;
    private final List<AttributeSpec> attributes;
    private final FieldSpec deleted;
    private final Set<SharedField> required;

    MappingDefinition(String connectorId, String file, Map<SharedField, FieldSpec> fields, Map<String, FieldSpec> addressParts,
            List<FieldSpec> phones, List<AttributeSpec> attributes, FieldSpec deleted, Set<SharedField> required) {
        this.connectorId = connectorId;
        this.file = file;
        this.fields = fields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(fields));
        this.addressParts = Map.copyOf(addressParts);
        this.phones = List.copyOf(phones);
        this.attributes = List.copyOf(attributes);
        this.deleted = deleted;
        this.required = required.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(required));
    }

    /**
     * Reads and validates a connector's mapping block (as Jackson read it from the connector file).
     *
     * @param connectorId the connector's id (its file name without extension)
     * @param file        the connector file's name ({@code health.yaml}), for messages
     * @param mapping     the {@code mapping:} node; null or missing is a problem
     * @throws ConfigProblemsException listing every problem, each with where ({@code connectors/<file>:
     *                                 mapping.<key>}) and the fix
     */
    public static MappingDefinition parse(String connectorId, String file, JsonNode mapping) {
        DefinitionParser parser = new DefinitionParser(connectorId, file);
        MappingDefinition definition = parser.parse(mapping);
        ConfigProblemsException.throwIfAny(parser.problems());
        return definition;
    }

    /** {@link #parse(String, String, JsonNode)} for the file {@code <connectorId>.yaml}. */
    public static MappingDefinition parse(String connectorId, JsonNode mapping) {
        return parse(connectorId, connectorId + ".yaml", mapping);
    }

    /** Every problem of a mapping block, without failing; empty when it is sound. */
    public static List<ConfigProblem> check(String connectorId, String file, JsonNode mapping) {
        DefinitionParser parser = new DefinitionParser(connectorId, file);
        parser.parse(mapping);
        return parser.problems();
    }

    /** {@link #check(String, String, JsonNode)} for the file {@code <connectorId>.yaml}. */
    public static List<ConfigProblem> check(String connectorId, JsonNode mapping) {
        return check(connectorId, connectorId + ".yaml", mapping);
    }

    /** Where a key of a connector's mapping is, as problems name it: {@code connectors/<file>: mapping.<key>}. */
    static String where(String file, String key) {
        return "connectors/" + file + ": mapping" + (key == null || key.isEmpty() ? "" : "." + key);
    }

    public String connectorId() {
        return connectorId;
    }

    /** Every source column the mapping reads, in the order declared. */
    public Set<String> sourceColumns() {
        Set<String> columns = new LinkedHashSet<>();
        allSpecs().forEach(spec -> columns.addAll(spec.from()));
        return Collections.unmodifiableSet(columns);
    }

    /**
     * Source columns the mapping names that the source does not have. The connector calls this when it knows its
     * columns (a table's, an export's header).
     */
    public List<ConfigProblem> problems(Set<String> sourceColumns) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (FieldSpec spec : allSpecs()) {
            for (String column : spec.from()) {
                if (!sourceColumns.contains(column)) {
                    String near = Suggestions.nearest(column, sourceColumns);
                    problems.add(new ConfigProblem(where(file, spec.key()),
                            "the source has no column " + column + ".",
                            (near != null ? "did you mean " + near + "? " : "")
                                    + "The source's columns are: " + String.join(", ", sourceColumns) + "."));
                }
            }
        }
        return problems;
    }

    Optional<FieldSpec> field(SharedField field) {
        return Optional.ofNullable(fields.get(field));
    }

    /** The address parts stated on their own ({@code address.parts}), by part name; empty when none. */
    Map<String, FieldSpec> addressParts() {
        return addressParts;
    }

    List<FieldSpec> phones() {
        return phones;
    }

    List<AttributeSpec> attributes() {
        return attributes;
    }

    Optional<FieldSpec> deleted() {
        return Optional.ofNullable(deleted);
    }

    boolean requires(SharedField field) {
        return required.contains(field);
    }

    Set<SharedField> required() {
        return required;
    }

    private List<FieldSpec> allSpecs() {
        List<FieldSpec> all = new ArrayList<>(fields.values());
        all.addAll(addressParts.values());
        all.addAll(phones);
        attributes.forEach(a -> all.add(a.field()));
        if (deleted != null) {
            all.add(deleted);
        }
        return all;
    }
}

package org.onegrid.connector;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.onegrid.config.ConfigProblem;

/**
 * Every connector file of the connectors folder, bound and checked: each file's problems are all collected (not
 * just the first), so IT staff see everything to fix at once. Loading never fails; what to do with problems
 * (refuse start-up for a required connector, mark a non-required one FAILED) is the caller's decision.
 */
public final class ConnectorCatalog {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|secret|token|credential|api-?key).*");

    /**
     * One file.
     *
     * @param definition what the file says, as far as it could be read (fields may be defaults when it has problems)
     * @param problems everything wrong with it; empty when it is usable
     */
    public record Entry(ConnectorDefinition definition, List<ConfigProblem> problems) {

        public Entry {
            problems = List.copyOf(problems);
        }

        public boolean usable() {
            return problems.isEmpty();
        }
    }

    private final Path dir;
    private final Map<String, Entry> entries;

    private ConnectorCatalog(Path dir, Map<String, Entry> entries) {
        this.dir = dir;
        this.entries = entries;
    }

    /**
     * Reads every {@code *.yaml} and {@code *.yml} file of {@code dir} (none when it does not exist).
     *
     * @param types the implemented connector types
     * @param checks further checks by other packages (the mapping block)
     */
    public static ConnectorCatalog load(Path dir, Collection<? extends ConnectorType> types, Collection<? extends DefinitionCheck> checks) {
        Map<String, ConnectorType> byName = new LinkedHashMap<>();
        types.forEach(t -> byName.put(t.name(), t));
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Path file : files(dir)) {
            Entry entry = new Reader(file, byName, checks).read();
            Entry previous = entries.putIfAbsent(entry.definition().id(), entry);
            if (previous != null) {
                List<ConfigProblem> problems = new ArrayList<>(previous.problems());
                problems.add(new ConfigProblem(DefinitionProblems.where(file.getFileName().toString(), null),
                        "another file, " + previous.definition().file() + ", has the same connector id " + entry.definition().id() + ".",
                        "keep one of them: a connector id is its file name without .yaml."));
                entries.put(entry.definition().id(), new Entry(previous.definition(), problems));
            }
        }
        return new ConnectorCatalog(dir, entries);
    }

    public Path dir() {
        return dir;
    }

    /** Every file, in file-name order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** The definition of a connector, whatever its state. */
    public Optional<ConnectorDefinition> definition(String id) {
        return entry(id).map(Entry::definition);
    }

    /** Every problem of every file. */
    public List<ConfigProblem> problems() {
        return entries.values().stream().flatMap(e -> e.problems().stream()).toList();
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConnectorException("cannot list the connectors folder " + dir, e);
        }
    }

    /** Reads one file; every problem goes to {@link #problems}. */
    private static final class Reader {

        private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

        private final Path path;
        private final String file;
        private final String id;
        private final Map<String, ConnectorType> types;
        private final Collection<? extends DefinitionCheck> checks;
        private final DefinitionProblems problems;

        Reader(Path path, Map<String, ConnectorType> types, Collection<? extends DefinitionCheck> checks) {
            this.path = path;
            this.file = path.getFileName().toString();
            this.id = file.replaceFirst("\\.ya?ml$", "");
            this.types = types;
            this.checks = checks;
            this.problems = new DefinitionProblems(file);
        }

        Entry read() {
            if (!ID.matcher(id).matches()) {
                problems.add(null, "the file name must be the connector id: lower-case letters, digits and dashes, at most 63.",
                        "rename it, e.g. party-building.yaml (the id names the topic onegrid.raw.<id>).");
            }
            JsonNode root = parse();
            DefinitionBlock block = DefinitionBlock.of(root, "", ConnectorDefinition.KEYS, problems);
            String typeName = block.text("type");
            ConnectorType type = type(typeName, block);
            String department = block.text("department");
            if (department != null && department.isBlank()) {
                block.problem("department", "must not be empty.", "name the department that owns the source system.");
            }
            boolean enabled = block.bool("enabled");
            boolean required = block.bool("required");
            List<String> key = block.textList("key");
            checkKey(block, key, type);
            JsonNode sourceNode = block.node("source");
            checkSecrets(sourceNode, "source");
            SourceSettings source = type == null
                    ? ConnectorType.unbound(sourceNode)
                    : type.bindSource(DefinitionBlock.of(sourceNode, "source.", type.sourceKeys(), problems));
            ConnectorDefinition definition = new ConnectorDefinition(id, file, typeName, department, enabled, required, key, source,
                    block.node("mapping"));
            if (problems.isEmpty()) {
                for (DefinitionCheck check : checks) {
                    try {
                        problems.addAll(check.check(definition));
                    } catch (RuntimeException e) {
                        problems.add("mapping", "could not be checked (" + e.getClass().getSimpleName() + ").",
                                "report this as a bug; the service's log has the details.");
                    }
                }
            }
            return new Entry(definition, problems.list());
        }

        private JsonNode parse() {
            try {
                JsonNode root = YAML.readTree(path.toFile());
                if (root == null || root.isMissingNode() || root.isNull()) {
                    problems.add(null, "the file is empty.", "write the connector's keys; docs/connectors.md has an example per type.");
                    return null;
                }
                return root;
            } catch (JsonProcessingException e) {
                // Jackson's message may quote the file's text; only the location is reported.
                var at = e.getLocation();
                problems.add(null, "is not valid YAML" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                                + (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field") ? ": a key is written twice." : "."),
                        "correct the YAML syntax there (indentation, a missing colon, a key written twice).");
                return null;
            } catch (IOException e) {
                problems.add(null, "cannot be read (" + e.getClass().getSimpleName() + ").", "check the file's permissions.");
                return null;
            }
        }

        private ConnectorType type(String name, DefinitionBlock block) {
            if (name == null) {
                return null;
            }
            if (!ConnectorType.KNOWN.contains(name)) {
                block.problem("type", "unknown type " + name + ".", "use one of " + String.join(", ", ConnectorType.KNOWN) + ".");
                return null;
            }
            ConnectorType type = types.get(name);
            if (type == null) {
                block.problem("type", name + " is not available yet in this version of OneGrid (available: "
                                + String.join(", ", types.keySet()) + ").",
                        "set enabled: false until it is, or have the department export files and use type: file-drop.");
            }
            return type;
        }

        private void checkKey(DefinitionBlock block, List<String> key, ConnectorType type) {
            boolean keyRequired = type == null || type.keyRequired();
            if (key.isEmpty() && keyRequired && !block.node("key").isMissingNode()) {
                block.problem("key", "must name at least one source column.", "write key: [<column>, ...].");
            } else if (key.isEmpty() && keyRequired && type != null) {
                block.problem("key", "missing; " + type.name() + " needs the columns that identify a record.",
                        "add key: [<column>, ...], e.g. key: [序号] or key: [身份证号].");
            }
            Set<String> seen = new HashSet<>();
            for (String column : key) {
                if (!seen.add(column)) {
                    block.problem("key", "names the column " + column + " twice.", "name each key column once.");
                }
            }
        }

        /** Every text under the block that is, or should be, a secret reference. Never reports the value. */
        private void checkSecrets(JsonNode node, String at) {
            if (node == null || node.isMissingNode()) {
                return;
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String key = at + "." + field.getKey();
                    JsonNode value = field.getValue();
                    if (SECRET_KEY.matcher(field.getKey()).matches() && value.isValueNode() && !value.isNull()
                            && !SecretRef.looksLikeReference(value.asText())) {
                        problems.add(key, "holds a secret written in the file.",
                                "write a reference instead, ${env:NAME} or ${file:/path/to/secret}, and remove the secret from the file and its history.");
                    } else {
                        checkSecrets(value, key);
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    checkSecrets(node.get(i), at + "[" + i + "]");
                }
            } else if (node.isTextual() && SecretRef.looksLikeReference(node.asText())) {
                Optional<SecretRef> ref = SecretRef.parse(node.asText());
                if (ref.isEmpty()) {
                    problems.add(at, "is not a secret reference OneGrid understands.",
                            "write ${env:NAME} for an environment variable or ${file:/path/to/secret} for a file.");
                } else {
                    ref.get().problem().ifPresent(why -> problems.add(at, "the secret reference " + ref.get() + " cannot be resolved: " + why,
                            ref.get().toString().startsWith("${env:") ? "set the variable in the service's environment." : "create the file, readable by the service's user."));
                }
            }
        }
    }
}

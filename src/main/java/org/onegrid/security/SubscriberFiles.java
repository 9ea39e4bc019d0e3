package org.onegrid.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.onegrid.config.ClosestKey;
import org.onegrid.config.ConfigProblem;
import org.onegrid.connector.SecretRef;
import org.onegrid.standardize.GridRegister;

/**
 * Reads the files in {@code subscribers/}, one subscriber each, and checks them completely: unknown keys, actions
 * and fields, scope codes the grid register does not know, keys written in clear, meaning (an identity, a scope, a
 * policy that shows something). Every problem is reported as {@code file: key: message} with its fix; values of
 * secrets are never printed.
 */
final class SubscriberFiles {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern ATTRIBUTE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern GROUP = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final int MIN_KEY_LENGTH = 24;
    /** Kafka users a subscriber may not be: the service's and the embedded broker's own (super users), and nobody's. */
    private static final List<String> RESERVED_PRINCIPALS = List.of("onegrid", "onegrid-broker", "ANONYMOUS");
    private static final List<String> TOP = List.of("description", "kafka", "api", "scope", "format", "fields", "groups",
            "attributes", "roles");
    private static final List<String> KAFKA = List.of("principal", "password");
    private static final List<String> API = List.of("key", "jwt-subject");
    private static final List<String> SCOPE = List.of("city", "districts", "streets", "communities", "grids");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SubscriberFiles() {}

    static List<Subscriber> read(List<Path> dirs, GridRegister register, Set<String> sensitiveGroups, List<ConfigProblem> problems) {
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> list = Files.list(dir)) {
                files.addAll(list.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList());
            } catch (IOException e) {
                problems.add(new ConfigProblem(dir.toString(), "the subscribers folder cannot be read.",
                        "check its permissions, or set onegrid.security.subscribers-dir."));
            }
        }
        Map<String, String> ids = new HashMap<>();
        Codes codes = register == null ? null : new Codes(register);
        List<Subscriber> subscribers = new ArrayList<>();
        Map<String, String> principals = new HashMap<>();
        Map<String, String> jwtSubjects = new HashMap<>();
        Map<String, String> keyHashes = new HashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String id = name.replaceFirst("\\.ya?ml$", "");
            String where = file.toString();
            List<ConfigProblem> own = new ArrayList<>();
            String defined = ids.putIfAbsent(id, where);
            if (defined != null) {
                own.add(new ConfigProblem(where, "subscriber " + id + " is also defined in " + defined + ".",
                        "keep one file per subscriber id."));
            }
            if (!ID.matcher(id).matches()) {
                own.add(new ConfigProblem(where, "'" + id + "' is not a subscriber id.",
                        "name the file with lower-case letters, digits and dashes, e.g. street-office.yaml."));
            }
            JsonNode root;
            try {
                root = YAML.readTree(file.toFile());
            } catch (IOException e) {
                problems.add(new ConfigProblem(where, "not YAML, or unreadable.", "correct the YAML syntax."));
                continue;
            }
            if (root == null || !root.isObject()) {
                problems.add(new ConfigProblem(where, "the file is empty or not a block of keys.",
                        "write the keys of docs/security.md (scope, fields...)."));
                continue;
            }
            Parsed parsed = new Parsed(where, own);
            Subscriber subscriber = parsed.subscriber(id, root, codes, sensitiveGroups);
            if (subscriber != null && own.isEmpty()) {
                subscriber.kafkaPrincipal().ifPresent(p -> duplicate(principals, p, id, where, "kafka.principal", own));
                subscriber.jwtSubject().ifPresent(s -> duplicate(jwtSubjects, s, id, where, "api.jwt-subject", own));
                if (parsed.keyHash != null) {
                    String first = keyHashes.putIfAbsent(HexFormat.of().formatHex(parsed.keyHash), id);
                    if (first != null) {
                        own.add(new ConfigProblem(where + ": api.key", "the same key as subscriber " + first + ".",
                                "give every subscriber a key of its own."));
                    }
                }
            }
            problems.addAll(own);
            if (own.isEmpty() && subscriber != null) {
                subscribers.add(subscriber);
            }
        }
        return subscribers;
    }

    private static void duplicate(Map<String, String> seen, String value, String id, String where, String key,
                                  List<ConfigProblem> problems) {
        String first = seen.putIfAbsent(value, id);
        if (first != null) {
            problems.add(new ConfigProblem(where + ": " + key, "'" + value + "' is also subscriber " + first + "'s.",
                    "one identity stands for one subscriber; give each its own."));
        }
    }

    /** The codes of the grid register by level, and names to suggest codes from. */
    private static final class Codes {
        final Map<RegionScope.Level, Map<String, String>> nameByCode = new EnumMap<>(RegionScope.Level.class);

        Codes(GridRegister register) {
            for (RegionScope.Level level : RegionScope.Level.values()) {
                nameByCode.put(level, new LinkedHashMap<>());
            }
            for (var d : register.districts()) {
                nameByCode.get(RegionScope.Level.DISTRICT).put(d.code(), d.name());
                for (var s : d.streets()) {
                    nameByCode.get(RegionScope.Level.STREET).put(s.code(), s.name());
                    for (var c : s.communities()) {
                        nameByCode.get(RegionScope.Level.COMMUNITY).put(c.code(), c.name());
                        for (var g : c.grids()) {
                            nameByCode.get(RegionScope.Level.GRID).put(g.code(), g.name());
                        }
                    }
                }
            }
        }

        Optional<String> codeNamed(RegionScope.Level level, String name) {
            return nameByCode.get(level).entrySet().stream().filter(e -> name.equals(e.getValue())).map(Map.Entry::getKey)
                    .findFirst();
        }
    }

    /** One file being read; collects its problems. */
    private static final class Parsed {
        private final String where;
        private final List<ConfigProblem> problems;
        byte[] keyHash;

        Parsed(String where, List<ConfigProblem> problems) {
            this.where = where;
            this.problems = problems;
        }

        Subscriber subscriber(String id, JsonNode root, Codes codes, Set<String> sensitiveGroups) {
            unknownKeys(root, "", TOP);
            String description = text(root, "description");
            JsonNode kafka = block(root, "kafka", KAFKA);
            JsonNode api = block(root, "api", API);
            String principal = kafka == null ? null : text(kafka, "principal");
            if (principal != null && !PRINCIPAL.matcher(principal).matches()) {
                problem("kafka.principal", "'" + principal + "' is not a Kafka user name.",
                        "use letters, digits, dots, dashes and underscores; the principal is User:<name>.");
            } else if (principal != null && RESERVED_PRINCIPALS.contains(principal)) {
                problem("kafka.principal", "'" + principal + "' is the service's or the broker's own user.",
                        "give the subscriber a user of its own, e.g. its id.");
            }
            SecretRef password = kafka == null ? null : reference(kafka, "kafka.password", "password");
            String jwtSubject = api == null ? null : text(api, "jwt-subject");
            if (api != null && api.has("key")) {
                SecretRef key = reference(api, "api.key", "key");
                if (key != null) {
                    String value = key.resolve();
                    if (value.length() < MIN_KEY_LENGTH) {
                        problem("api.key", "the key " + key + " holds is shorter than " + MIN_KEY_LENGTH
                                + " characters, short enough to guess.", "use a random key, e.g. openssl rand -hex 32.");
                    }
                    keyHash = Subscribers.hash(value);
                }
            }
            if (principal == null && keyHash == null && jwtSubject == null && !hasProblemAt("api.key")) {
                problem("", "the subscriber has no identity: no kafka.principal, api.key or api.jwt-subject.",
                        "give it a Kafka user to read its view topic, or an API key or token subject for the query API.");
            }
            RegionScope scope = scope(root.get("scope"), codes);
            FieldPolicy policy = policy(root, sensitiveGroups);
            boolean json = format(root);
            Set<ConsoleRole> roles = roles(root.get("roles"));
            if (!roles.isEmpty() && keyHash == null && jwtSubject == null && !hasProblemAt("api.key")) {
                problem("roles", "roles are for the operations console, and the subscriber has no way to sign in to it.",
                        "give it an api.key or an api.jwt-subject, or remove roles.");
            }
            if (!problems.isEmpty()) {
                return null;
            }
            return new Subscriber(id, description == null ? id : description, principal, password, keyHash, jwtSubject,
                    scope, policy, json, roles);
        }

        private RegionScope scope(JsonNode node, Codes codes) {
            if (node == null || node.isNull()) {
                problem("scope", "missing: a subscriber without a region sees nobody.",
                        "add scope: with city: true, or the districts, streets, communities or grids it may see.");
                return null;
            }
            if (!node.isObject()) {
                problem("scope", "not a block.", "write scope: { communities: [\"<code>\"] } (docs/security.md).");
                return null;
            }
            unknownKeys(node, "scope.", SCOPE);
            boolean city = false;
            if (node.has("city")) {
                if (!node.get("city").isBoolean()) {
                    problem("scope.city", "must be true or false.", "write city: true for the whole city.");
                } else {
                    city = node.get("city").asBoolean();
                }
            }
            Map<RegionScope.Level, Set<String>> nodes = new EnumMap<>(RegionScope.Level.class);
            for (RegionScope.Level level : RegionScope.Level.values()) {
                Set<String> set = new LinkedHashSet<>();
                nodes.put(level, set);
                JsonNode list = node.get(level.key());
                if (list == null || list.isNull()) {
                    continue;
                }
                if (!list.isArray()) {
                    problem("scope." + level.key(), "must be a list of " + level.singular() + " codes.",
                            "write " + level.key() + ": [\"<code>\"].");
                    continue;
                }
                for (int i = 0; i < list.size(); i++) {
                    String code = list.get(i).asText("").strip();
                    String key = "scope." + level.key() + "[" + i + "]";
                    if (code.isEmpty()) {
                        problem(key, "empty.", "write a " + level.singular() + " code of the grid register.");
                    } else if (codes != null && !codes.nameByCode.get(level).containsKey(code)) {
                        Optional<String> named = codes.codeNamed(level, code);
                        problem(key, "the grid register has no " + level.singular() + " with code " + code + ".",
                                named.map(c -> "write its code: " + c + " (" + code + ").")
                                        .orElse("write a " + level.singular() + " code of the grid register"
                                                + " (onegrid.mapping.grid-register)."));
                    } else {
                        set.add(code);
                    }
                }
            }
            RegionScope scope = new RegionScope(city, nodes.get(RegionScope.Level.DISTRICT), nodes.get(RegionScope.Level.STREET),
                    nodes.get(RegionScope.Level.COMMUNITY), nodes.get(RegionScope.Level.GRID));
            if (scope.isEmpty() && !hasProblemAt("scope.")) {
                problem("scope", "names no region: the subscriber would see nobody.",
                        "add city: true, or the districts, streets, communities or grids it may see.");
            }
            return scope;
        }

        private FieldPolicy policy(JsonNode root, Set<String> sensitiveGroups) {
            Map<PolicyField, FieldAction> fields = new EnumMap<>(PolicyField.class);
            JsonNode node = root.get("fields");
            if (node != null && !node.isNull()) {
                if (!node.isObject()) {
                    problem("fields", "not a block.", "write fields: { name: mask, gender: show }.");
                } else {
                    node.fields().forEachRemaining(e -> {
                        String key = "fields." + e.getKey();
                        Optional<PolicyField> field = PolicyField.byKey(e.getKey());
                        if (field.isEmpty()) {
                            List<String> known = Stream.of(PolicyField.values()).map(PolicyField::key).toList();
                            problem(key, "unknown field.", suggest(e.getKey(), known) + "the fields are "
                                    + String.join(", ", known) + "; attributes go under groups: or attributes:.");
                            return;
                        }
                        action(key, e.getValue()).ifPresent(action -> {
                            if (action == FieldAction.MASK && !field.get().maskable()) {
                                problem(key, "mask means nothing for " + e.getKey() + ".", "show it or drop it.");
                            } else {
                                fields.put(field.get(), action);
                            }
                        });
                    });
                }
            }
            Map<String, FieldAction> groups = named(root, "groups", GROUP, "an attribute group such as general, party, health");
            Map<String, FieldAction> attributes = named(root, "attributes", ATTRIBUTE, "an attribute name such as party_branch");
            FieldPolicy policy = new FieldPolicy(fields, groups, attributes, sensitiveGroups);
            if (!hasProblemAt("fields") && !hasProblemAt("groups") && !hasProblemAt("attributes") && policy.showsNothing()) {
                problem("fields", "the policy shows nothing: the view would hold person ids only.",
                        "show or mask at least one field (grid, for a count by grid), group or attribute.");
            }
            return policy;
        }

        private Map<String, FieldAction> named(JsonNode root, String block, Pattern pattern, String what) {
            Map<String, FieldAction> actions = new LinkedHashMap<>();
            JsonNode node = root.get(block);
            if (node == null || node.isNull()) {
                return actions;
            }
            if (!node.isObject()) {
                problem(block, "not a block.", "write " + block + ": { <name>: show }.");
                return actions;
            }
            node.fields().forEachRemaining(e -> {
                String key = block + "." + e.getKey();
                boolean wildcard = block.equals("groups") && e.getKey().equals(FieldPolicy.ANY_GROUP);
                if (!wildcard && !pattern.matcher(e.getKey()).matches()) {
                    problem(key, "'" + e.getKey() + "' is not " + what + ".", "use the name the connector's mapping gives.");
                    return;
                }
                action(key, e.getValue()).ifPresent(action -> {
                    if (action == FieldAction.MASK) {
                        problem(key, "attributes cannot be masked.", "show them or drop them.");
                    } else {
                        actions.put(e.getKey(), action);
                    }
                });
            });
            return actions;
        }

        private Optional<FieldAction> action(String key, JsonNode value) {
            Optional<FieldAction> action = value.isTextual() ? FieldAction.parse(value.asText()) : Optional.empty();
            if (action.isEmpty()) {
                problem(key, "'" + value.asText() + "' is no action.", "use show, mask or drop.");
            }
            return action;
        }

        private Set<ConsoleRole> roles(JsonNode node) {
            Set<ConsoleRole> roles = EnumSet.noneOf(ConsoleRole.class);
            if (node == null || node.isNull()) {
                return roles;
            }
            List<String> known = Arrays.stream(ConsoleRole.values()).map(ConsoleRole::key).toList();
            if (!node.isArray()) {
                problem("roles", "not a list.", "write roles: [" + String.join(", ", known) + "] (docs/console.md).");
                return roles;
            }
            for (JsonNode role : node) {
                Optional<ConsoleRole> parsed = role.isTextual() ? ConsoleRole.of(role.asText()) : Optional.empty();
                if (parsed.isEmpty()) {
                    problem("roles", "unknown role '" + role.asText() + "'.", "use " + String.join(" or ", known) + ".");
                } else {
                    roles.add(parsed.get());
                }
            }
            return roles;
        }

        private boolean format(JsonNode root) {
            String format = text(root, "format");
            if (format == null) {
                return false;
            }
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "avro" -> false;
                case "json" -> true;
                default -> {
                    problem("format", "unknown format '" + format + "'.", "use avro (the default) or json.");
                    yield false;
                }
            };
        }

        private SecretRef reference(JsonNode node, String key, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            Optional<SecretRef> ref = value.isTextual() ? SecretRef.parse(value.asText()) : Optional.empty();
            if (ref.isEmpty()) {
                // Never echo what was written: it may be the secret itself.
                problem(key, "not a secret reference; secrets are never written in subscriber files.",
                        "write ${env:NAME} or ${file:/path/to/secret}, and put the secret there.");
                return null;
            }
            Optional<String> unresolvable = ref.get().problem();
            if (unresolvable.isPresent()) {
                problem(key, unresolvable.get(), "set it, or correct the reference.");
                return null;
            }
            return ref.get();
        }

        private JsonNode block(JsonNode root, String key, List<String> known) {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                problem(key, "not a block.", "write " + key + ": with the keys " + String.join(", ", known) + ".");
                return null;
            }
            unknownKeys(node, key + ".", known);
            return node;
        }

        private String text(JsonNode node, String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isValueNode() || value.asText().isBlank()) {
                problem(key, "must be a text.", "write a value, or remove the key.");
                return null;
            }
            return value.asText().strip();
        }

        private void unknownKeys(JsonNode node, String prefix, List<String> known) {
            node.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    problem(prefix + name, "unknown key.", suggest(name, known) + "the keys here are "
                            + String.join(", ", known) + " (docs/security.md).");
                }
            });
        }

        private boolean hasProblemAt(String prefix) {
            return problems.stream().anyMatch(p -> p.where().startsWith(where + ": " + prefix));
        }

        private void problem(String key, String message, String fix) {
            problems.add(new ConfigProblem(key.isEmpty() ? where : where + ": " + key, message, fix));
        }
    }

    private static String suggest(String written, List<String> known) {
        return ClosestKey.among(known, written, Math.max(2, written.length() / 3))
                .map(best -> "did you mean " + best + "? ").orElse("");
    }
}

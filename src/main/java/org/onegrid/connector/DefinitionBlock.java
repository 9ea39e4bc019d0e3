package org.onegrid.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.onegrid.config.ClosestKey;

/**
 * One YAML mapping of a connector file (the file itself, or its {@code source:} block) read against the keys it
 * may have: unknown keys (with the closest known one) and missing required keys are reported on creation, and the
 * typed readers report values of the wrong shape. Readers never throw; they report and return a fallback.
 */
public final class DefinitionBlock {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final JsonNode node;
    private final String prefix;
    private final List<DefinitionKey> keys;
    private final DefinitionProblems problems;

    private DefinitionBlock(JsonNode node, String prefix, List<DefinitionKey> keys, DefinitionProblems problems) {
        this.node = node;
        this.prefix = prefix;
        this.keys = keys;
        this.problems = problems;
    }

    /**
     * @param prefix the block's path with a trailing dot ({@code source.}), or empty for the top level
     */
    public static DefinitionBlock of(JsonNode node, String prefix, List<DefinitionKey> keys, DefinitionProblems problems) {
        JsonNode object = node;
        if (node == null || node.isMissingNode() || node.isNull()) {
            object = MissingNode.getInstance();
        } else if (!node.isObject()) {
            problems.add(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1),
                    "must be a mapping of keys to values.", "write one key: value per line under it; docs/connectors.md.");
            object = MissingNode.getInstance();
        }
        DefinitionBlock block = new DefinitionBlock(object, prefix, keys, problems);
        block.checkKeys();
        return block;
    }

    private void checkKeys() {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (keys.stream().noneMatch(k -> k.name().equals(name))) {
                problems.add(prefix + name, "unknown key.", suggestion(name));
            }
        }
        for (DefinitionKey key : keys) {
            if (key.required() && absent(node.get(key.name()))) {
                problems.add(prefix + key.name(), "missing; it is required (" + key.description() + ").",
                        "add " + key.name() + ": to the file; docs/connectors.md has an example.");
            }
        }
    }

    /** The value as text, or the key's default (null when none). */
    public String text(String name) {
        JsonNode value = node.get(name);
        if (absent(value)) {
            return declared(name).defaultValue();
        }
        if (!value.isValueNode()) {
            problems.add(prefix + name, "must be a single value, not a list or a mapping.", "write " + name + ": <value>.");
            return declared(name).defaultValue();
        }
        return value.asText();
    }

    /** The value as true or false; anything else is a problem. */
    public boolean bool(String name) {
        JsonNode value = node.get(name);
        boolean fallback = Boolean.parseBoolean(declared(name).defaultValue());
        if (absent(value)) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        problems.add(prefix + name, "must be true or false.", "write " + name + ": true or " + name + ": false.");
        return fallback;
    }

    /** A list of texts; a single value is taken as a list of one. */
    public List<String> textList(String name) {
        JsonNode value = node.get(name);
        List<String> out = new ArrayList<>();
        if (absent(value)) {
            return out;
        }
        if (value.isValueNode()) {
            out.add(value.asText());
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isValueNode() && !item.asText().isBlank()) {
                    out.add(item.asText());
                } else {
                    problems.add(prefix + name, "every entry must be a non-empty column name.", "write " + name + ": [column, ...].");
                }
            }
        } else {
            problems.add(prefix + name, "must be a list of column names.", "write " + name + ": [column, ...].");
        }
        return out;
    }

    /**
     * A duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} (or ISO-8601, {@code PT30S}), at least {@code min}.
     * Returns null when it is not one (reported); the key's default when absent.
     */
    public Duration duration(String name, Duration min) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        Duration value = parseDuration(text);
        if (value == null) {
            problems.add(prefix + name, "is not a duration.", "write e.g. " + name + ": 30s (ms, s, m or h).");
            return null;
        }
        if (value.compareTo(min) < 0) {
            problems.add(prefix + name, "must be at least " + describe(min) + ".", "write e.g. " + name + ": " + describe(min.multipliedBy(10)) + ".");
            return null;
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}; the key's default when absent, {@code fallback} when wrong (reported). */
    public int integer(String name, int min, int max, int fallback) {
        String text = text(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(prefix + name, "must be a whole number from " + min + " to " + max + ".", "write e.g. " + name + ": " + fallback + ".");
        return fallback;
    }

    /**
     * A secret reference ({@link SecretRef}), or null when absent or not a well-formed one. The catalog reports, for
     * every key whose name says it holds a secret, a value written in clear and a reference that cannot be resolved.
     */
    public SecretRef secret(String name) {
        String text = text(name);
        return text == null ? null : SecretRef.parse(text).orElse(null);
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT10S}); null when it is none. */
    public static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
            return d.isNegative() ? null : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms" : d.toSeconds() + "s";
    }

    /** The value as it is in the file, {@link MissingNode} when absent. */
    public JsonNode node(String name) {
        JsonNode value = node.get(name);
        return value == null ? MissingNode.getInstance() : value;
    }

    /** Adds a problem about one key of this block. */
    public void problem(String name, String message, String fix) {
        problems.add(prefix + name, message, fix);
    }

    public Optional<String> optionalText(String name) {
        return Optional.ofNullable(text(name)).filter(s -> !s.isBlank());
    }

    private DefinitionKey declared(String name) {
        return keys.stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not a declared key"));
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull();
    }

    private String suggestion(String name) {
        List<String> names = keys.stream().map(DefinitionKey::name).toList();
        String known = "known keys here: " + String.join(", ", names) + ".";
        return ClosestKey.among(names, name, Math.max(2, name.length() / 3))
                .map(best -> "did you mean " + prefix + best + "? " + known)
                .orElse("remove it; " + known);
    }
}

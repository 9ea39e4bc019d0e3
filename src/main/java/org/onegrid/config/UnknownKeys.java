package org.onegrid.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Finds keys under a prefix that no settings record declares: a misspelt key would otherwise be ignored and the
 * default used without a word. Environment variables are not checked (their mapping to keys is ambiguous).
 */
public final class UnknownKeys {

    private UnknownKeys() {}

    /** Problems for every key under {@code prefix} in {@code environment} that {@code root} does not declare. */
    public static List<ConfigProblem> problems(Environment environment, String prefix, Class<? extends Record> root) {
        ConfigurationPropertyName prefixName = ConfigurationPropertyName.of(prefix);
        TreeSet<String> unknown = new TreeSet<>();
        for (var source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)
                    || String.valueOf(source.getUnderlyingSource()).contains("systemEnvironment")) {
                continue;
            }
            iterable.stream()
                    .filter(prefixName::isAncestorOf)
                    .filter(name -> !declares(root, name, prefixName.getNumberOfElements()))
                    .forEach(name -> unknown.add(name.toString()));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        for (String key : unknown) {
            problems.add(new ConfigProblem(key, "unknown key.", suggestion(root, prefix, key)));
        }
        return problems;
    }

    /** Known keys under the prefix, for documentation checks and suggestions; maps end in {@code .*}. */
    public static List<String> knownKeys(String prefix, Class<? extends Record> root) {
        List<String> keys = new ArrayList<>();
        collect(root, prefix, keys);
        return keys;
    }

    private static void collect(Class<?> type, String path, List<String> keys) {
        for (RecordComponent component : type.getRecordComponents()) {
            String key = path + "." + kebab(component.getName());
            if (component.getType().isRecord()) {
                collect(component.getType(), key, keys);
            } else if (Map.class.isAssignableFrom(component.getType())) {
                keys.add(key + ".*");
            } else {
                keys.add(key);
            }
        }
    }

    private static boolean declares(Class<?> type, ConfigurationPropertyName name, int from) {
        Class<?> current = type;
        for (int i = from; i < name.getNumberOfElements(); i++) {
            if (current == null || !current.isRecord()) {
                return false;
            }
            Optional<RecordComponent> component = componentNamed(current, name.getElement(i, ConfigurationPropertyName.Form.DASHED));
            if (component.isEmpty()) {
                return false;
            }
            Class<?> componentType = component.get().getType();
            if (Map.class.isAssignableFrom(componentType)) {
                return true;
            }
            if (java.util.Collection.class.isAssignableFrom(componentType)) {
                // A list of plain values: its elements are bound by index, key[0], key[1]...
                for (int j = i + 1; j < name.getNumberOfElements(); j++) {
                    if (!name.isNumericIndex(j)) {
                        return false;
                    }
                }
                return true;
            }
            current = componentType.isRecord() ? componentType : null;
            if (current == null) {
                return i == name.getNumberOfElements() - 1;
            }
        }
        return true;
    }

    private static Optional<RecordComponent> componentNamed(Class<?> type, String dashed) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (kebab(component.getName()).equals(dashed)) {
                return Optional.of(component);
            }
        }
        return Optional.empty();
    }

    private static String suggestion(Class<? extends Record> root, String prefix, String key) {
        return ClosestKey.among(knownKeys(prefix, root), key, Math.max(3, key.length() / 4))
                .map(best -> "did you mean " + best + "? docs/configuration.md lists every key.")
                .orElse("remove it; docs/configuration.md lists every key.");
    }

    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

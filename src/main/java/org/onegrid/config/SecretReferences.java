package org.onegrid.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Secrets in the service's settings are references, written as in connector and subscriber files: {@code
 * ${file:/path}} (a file's content without its trailing newline, as Docker and Kubernetes mount secrets) or {@code
 * ${env:NAME}} (an environment variable); a plain Spring placeholder {@code ${NAME}} is a reference too.
 *
 * <p>Registered as an environment post-processor, this lets Spring resolve the first two in any setting: without it
 * Spring reads {@code ${file:/run/secrets/x}} as "the property {@code file}, else {@code /run/secrets/x}" and quietly
 * takes the path for the secret. {@link #problems} reports secrets written in clear and references that cannot be
 * resolved (Spring then falls back to that same path or name, so they must stop start-up). Never puts a secret's
 * value in a message.
 */
public final class SecretReferences implements EnvironmentPostProcessor {

    static final String SOURCE = "onegrid-secret-references";
    /** A reference as written: group 1 the kind ({@code env} or {@code file}), group 2 the variable or the path. */
    public static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        addTo(environment);
    }

    /** Lets Spring resolve {@code ${file:...}} and {@code ${env:...}} in this environment's settings. */
    public static void addTo(ConfigurableEnvironment environment) {
        if (environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        environment.getPropertySources().addLast(new PropertySource<>(SOURCE, new Object()) {
            @Override
            public Object getProperty(String name) {
                int colon = name.indexOf(':');
                return colon < 0 ? null : value(name.substring(0, colon), name.substring(colon + 1).strip(), System::getenv).orElse(null);
            }
        });
    }

    /**
     * Problems with the secrets among the settings under {@code prefix} (those whose key after the prefix
     * {@code isSecret}): a value that is not a reference, or a reference that cannot be resolved now. Environment
     * variables are not looked at: they are where secrets are meant to come from.
     */
    public static List<ConfigProblem> problems(Environment environment, String prefix, Predicate<String> isSecret) {
        ConfigurationPropertyName prefixName = ConfigurationPropertyName.of(prefix);
        List<ConfigProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // Sources come highest precedence first: the first value of a key is the one that is used.
        for (var source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)
                    || String.valueOf(source.getUnderlyingSource()).contains("systemEnvironment")) {
                continue;
            }
            for (ConfigurationPropertyName name : iterable.stream().filter(prefixName::isAncestorOf).toList()) {
                String key = keyAfter(prefixName, name);
                ConfigurationProperty property = iterable.getConfigurationProperty(name);
                if (isSecret.test(key) && seen.add(key) && property != null) {
                    problemAsWritten(String.valueOf(property.getValue()))
                            .ifPresent(message -> problems.add(new ConfigProblem(prefix + "." + key, message,
                                    "write a reference to the secret instead: ${file:/run/secrets/<name>} or ${env:<NAME>}"
                                            + " (docs/configuration.md).")));
                }
            }
        }
        return problems;
    }

    /** Why the secret a reference names cannot be read now; empty when it can. Never the value. */
    public static Optional<String> problem(String kind, String name, UnaryOperator<String> environment) {
        if (kind.equals("env")) {
            String value = environment.apply(name);
            return value == null || value.isEmpty()
                    ? Optional.of("the environment variable " + name + " is not set.") : Optional.empty();
        }
        Path path = Path.of(name);
        if (!Files.isRegularFile(path)) {
            return Optional.of("the secret file " + name + " does not exist.");
        }
        if (!Files.isReadable(path)) {
            return Optional.of("the secret file " + name + " cannot be read by the service's user.");
        }
        return Optional.empty();
    }

    /** The secret a reference names ({@code env} or {@code file}); empty when it cannot be read. Never log it. */
    public static Optional<String> value(String kind, String name, UnaryOperator<String> environment) {
        if (kind.equals("env")) {
            return Optional.ofNullable(environment.apply(name)).filter(v -> !v.isEmpty());
        }
        if (!kind.equals("file") || problem(kind, name, environment).isPresent()) {
            return Optional.empty();
        }
        try {
            String value = Files.readString(Path.of(name), StandardCharsets.UTF_8);
            return Optional.of(value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                    : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What is wrong with a secret setting's value as written: in clear, or a reference that cannot be resolved. */
    private static Optional<String> problemAsWritten(String written) {
        Matcher reference = REFERENCE.matcher(written.strip());
        if (reference.matches()) {
            return problem(reference.group(1), reference.group(2).strip(), System::getenv);
        }
        return PLACEHOLDER.matcher(written.strip()).matches()
                ? Optional.empty() : Optional.of("a secret written in clear (its value is not shown here).");
    }

    private static String keyAfter(ConfigurationPropertyName prefix, ConfigurationPropertyName name) {
        List<String> elements = new ArrayList<>();
        for (int i = prefix.getNumberOfElements(); i < name.getNumberOfElements(); i++) {
            elements.add(name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL));
        }
        return String.join(".", elements);
    }
}

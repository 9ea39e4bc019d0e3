package org.onegrid.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a secret, written in a connector file instead of the secret itself: {@code ${env:NAME}} (an
 * environment variable) or {@code ${file:/path/to/secret}} (a file's content, trailing newline removed, as Docker and
 * Kubernetes mount secrets). {@link #toString()} prints the reference, never the value; nothing may log
 * {@link #resolve()}'s result.
 */
public final class SecretRef {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private final String kind;
    private final String name;
    private final UnaryOperator<String> environment;

    private SecretRef(String kind, String name, UnaryOperator<String> environment) {
        this.kind = kind;
        this.name = name;
        this.environment = environment;
    }

    /** True when the text looks like it means to be a reference (starts with {@code ${}). */
    public static boolean looksLikeReference(String text) {
        return text != null && text.strip().startsWith("${");
    }

    /** The reference written in {@code text}, empty when it is not exactly one well-formed reference. */
    public static Optional<SecretRef> parse(String text) {
        return parse(text, System::getenv);
    }

    static Optional<SecretRef> parse(String text, UnaryOperator<String> environment) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = REFERENCE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SecretRef(m.group(1), m.group(2).strip(), environment));
    }

    /** Why it cannot be resolved now (unset variable, unreadable file), or empty when it can. Never the value. */
    public Optional<String> problem() {
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

    /** The secret. Use it at once (a connection's password); never log, print or keep it in a field that is. */
    public String resolve() {
        if (kind.equals("env")) {
            String value = environment.apply(name);
            if (value == null || value.isEmpty()) {
                throw new ConnectorException("the environment variable " + name + " is not set");
            }
            return value;
        }
        try {
            String value = Files.readString(Path.of(name), StandardCharsets.UTF_8);
            return value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                    : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        } catch (IOException e) {
            throw new ConnectorException("the secret file " + name + " cannot be read");
        }
    }

    @Override
    public String toString() {
        return "${" + kind + ":" + name + "}";
    }
}

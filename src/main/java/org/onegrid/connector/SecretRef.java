package org.onegrid.connector;

import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import org.onegrid.config.SecretReferences;

/**
 * A reference to a secret, written in a connector file instead of the secret itself: {@code ${env:NAME}} (an
 * environment variable) or {@code ${file:/path/to/secret}} (a file's content, trailing newline removed, as Docker and
 * Kubernetes mount secrets). {@link #toString()} prints the reference, never the value; nothing may log
 * {@link #resolve()}'s result.
 */
public final class SecretRef {

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
        Matcher m = SecretReferences.REFERENCE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SecretRef(m.group(1), m.group(2).strip(), environment));
    }

    /** Why it cannot be resolved now (unset variable, unreadable file), or empty when it can. Never the value. */
    public Optional<String> problem() {
        return SecretReferences.problem(kind, name, environment);
    }

    /** The secret. Use it at once (a connection's password); never log, print or keep it in a field that is. */
    public String resolve() {
        return SecretReferences.value(kind, name, environment).orElseThrow(() -> new ConnectorException(
                problem().orElse("the secret " + this + " cannot be read")));
    }

    @Override
    public String toString() {
        return "${" + kind + ":" + name + "}";
    }
}

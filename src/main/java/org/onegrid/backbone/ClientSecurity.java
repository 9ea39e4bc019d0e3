package org.onegrid.backbone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.onegrid.config.ConfigProblem;
import org.onegrid.config.OneGridProperties;
import org.onegrid.config.SecretReferences;
import org.springframework.core.env.Environment;

/**
 * Checks the security settings among {@code onegrid.kafka.client.*} before any client uses them, so that a cluster
 * asking for TLS and a login is reached at the first try or refused with every reason at once: secrets must be
 * references; the protocol must be known and its settings complete (a login for SASL); TLS settings without TLS, or
 * SASL settings without SASL, are mistakes; a truststore or (mTLS) keystore must be a file that opens with its
 * password. On the embedded broker, which sets its clients' security itself, none of them may be set.
 */
final class ClientSecurity {

    private static final String PREFIX = "onegrid.kafka.client";
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    private ClientSecurity() {}

    static List<ConfigProblem> problems(OneGridProperties.Kafka kafka, Environment environment) {
        Map<String, String> client = kafka.client();
        List<ConfigProblem> problems = new ArrayList<>();
        if (kafka.isEmbedded()) {
            keys(client, "security.protocol", "ssl.", "sasl.").forEach(key -> problems.add(problem(key,
                    "the embedded broker sets its clients' security itself (onegrid.kafka.embedded.secure).",
                    "remove it, or set onegrid.kafka.bootstrap-servers to the cluster it is meant for.")));
            return problems;
        }
        problems.addAll(SecretReferences.problems(environment, PREFIX, ClientSecurity::isSecret));
        String protocol = client.getOrDefault("security.protocol", "PLAINTEXT").strip().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            problems.add(problem("security.protocol", "unknown protocol '" + client.get("security.protocol") + "'.",
                    "use SASL_SSL (TLS and a login), SSL (TLS; with a keystore for mTLS), SASL_PLAINTEXT or PLAINTEXT."));
            return problems;
        }
        boolean tls = protocol.endsWith("SSL");
        boolean sasl = protocol.startsWith("SASL_");
        if (!tls) {
            keys(client, "ssl.").forEach(key -> problems.add(problem(key, "TLS settings do nothing with security.protocol " + protocol + ".",
                    "set " + PREFIX + ".security.protocol to SASL_SSL (or SSL), or remove the ssl.* settings.")));
        }
        if (!sasl) {
            keys(client, "sasl.").forEach(key -> problems.add(problem(key, "login settings do nothing with security.protocol " + protocol + ".",
                    "set " + PREFIX + ".security.protocol to SASL_SSL, or remove the sasl.* settings.")));
        }
        if (sasl && blank(client.get("sasl.mechanism"))) {
            problems.add(problem("sasl.mechanism", "missing: " + protocol + " needs the cluster's login mechanism.",
                    "set it, e.g. SCRAM-SHA-512 (without it Kafka tries Kerberos)."));
        }
        if (sasl && blank(client.get("sasl.jaas.config"))) {
            problems.add(problem("sasl.jaas.config", "missing: " + protocol + " needs the service's login.",
                    "set it to a reference to the login line, e.g. ${file:/run/secrets/onegrid-kafka.jaas}."));
        }
        if (tls) {
            checkStore(problems, client, "truststore");
            checkStore(problems, client, "keystore");
        }
        return problems;
    }

    /** Settings that hold a secret, and must therefore be references. */
    static boolean isSecret(String key) {
        return key.equals("sasl.jaas.config") || key.endsWith(".password") || key.equals("ssl.keystore.key");
    }

    /**
     * A truststore (the cluster's CA) or keystore (the service's certificate and key, for mTLS), when its location is
     * given: a readable file that opens with its password and holds what it is for. Skipped when the password
     * reference itself has a problem, already reported.
     */
    private static void checkStore(List<ConfigProblem> problems, Map<String, String> client, String store) {
        String prefix = "ssl." + store + ".";
        String location = client.get(prefix + "location");
        if (blank(location) || problems.stream().anyMatch(p -> p.where().equals(PREFIX + "." + prefix + "password"))) {
            return;
        }
        Path file = Path.of(location.strip());
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            problems.add(problem(prefix + "location", "the file " + file + " does not exist or cannot be read by the service's user.",
                    "put the " + store + " there, or correct the path."));
            return;
        }
        // JKS is Kafka's default type; the JDK's JKS stores read PKCS12 files as well, as Kafka's clients do.
        String type = client.getOrDefault(prefix + "type", "JKS").strip();
        if (type.equalsIgnoreCase("PEM")) {
            return;
        }
        boolean keystore = store.equals("keystore");
        String password = client.get(prefix + "password");
        if (keystore && blank(password)) {
            problems.add(problem(prefix + "password", "missing: a keystore opens only with its password.",
                    "set it to a reference to the password, e.g. ${file:/run/secrets/onegrid-keystore.password}."));
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore opened = KeyStore.getInstance(type);
            opened.load(in, password == null ? null : password.toCharArray());
            boolean holdsKey = false;
            boolean holdsCertificate = false;
            for (String alias : Collections.list(opened.aliases())) {
                holdsKey |= opened.isKeyEntry(alias);
                holdsCertificate |= opened.getCertificate(alias) != null;
            }
            if (keystore && !holdsKey) {
                problems.add(problem(prefix + "location", "the keystore " + file + " holds no private key, so it cannot prove the"
                        + " service's identity (mTLS).", "put the service's certificate and its key in it (PKCS12)."));
            } else if (!keystore && !holdsCertificate) {
                problems.add(problem(prefix + "location", "the truststore " + file + " holds no certificate the service can read.",
                        "put the cluster's CA certificate in it; a PKCS12 truststore also needs " + PREFIX + "." + prefix + "password."));
            }
        } catch (KeyStoreException e) {
            problems.add(problem(prefix + "type", "unknown store type '" + type + "'.", "use PKCS12, JKS or PEM."));
        } catch (IOException | GeneralSecurityException e) {
            problems.add(problem(prefix + "location", "the " + store + " " + file + " does not open as " + type + " with "
                    + prefix + "password (" + e.getMessage() + ").", "check the password reference and " + PREFIX + "." + prefix + "type."));
        }
    }

    private static List<String> keys(Map<String, String> client, String... prefixes) {
        return client.keySet().stream().filter(key -> Set.of(prefixes).stream().anyMatch(key::startsWith)).sorted().toList();
    }

    private static ConfigProblem problem(String key, String message, String fix) {
        return new ConfigProblem(PREFIX + "." + key, message, fix);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

package org.onegrid.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The embedded broker's TLS identity in secure mode, kept in {@code <data-dir>/tls/}: a self-signed certificate for
 * 127.0.0.1 and localhost, with its private key in a PKCS12 keystore for the broker ({@value #KEYSTORE}), and the
 * certificate alone in a PKCS12 truststore for clients ({@value #TRUSTSTORE}; also as PEM, {@value #CERTIFICATE},
 * for clients that are not Java). Each store's password is random and kept beside it in {@code <store>.password}
 * (owner-only). Made at the first secure start and reused after, so a truststore handed to a subscriber stays valid.
 *
 * <p>The JDK has no public API that makes a certificate, so the JDK's own keytool makes the key pair, run as a
 * process that reads the password from its file, never from its command line. Must never log a password.
 */
final class BrokerTls {

    static final String KEYSTORE = "broker.p12";
    static final String TRUSTSTORE = "truststore.p12";
    static final String CERTIFICATE = "broker.crt";
    private static final String ALIAS = "onegrid-embedded-broker";
    private static final int VALIDITY_DAYS = 3650;

    private BrokerTls() {}

    /** Makes the folder's keystore, truststore and certificate unless a previous start made them. */
    static void ensure(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        // Made aside and moved in whole: a start killed half-way leaves no half-made folder to reuse.
        Path making = dir.resolveSibling(dir.getFileName() + ".making");
        deleteRecursively(making);
        Files.createDirectories(making);
        Path keystore = making.resolve(KEYSTORE);
        String keystorePassword = EmbeddedKafkaBroker.secret(passwordFile(keystore));
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=localhost, O=OneGrid embedded broker", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", String.valueOf(VALIDITY_DAYS), "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass:file", passwordFile(keystore).toString());
        Certificate certificate = certificate(keystore, keystorePassword);
        Path truststore = making.resolve(TRUSTSTORE);
        writeTruststore(truststore, EmbeddedKafkaBroker.secret(passwordFile(truststore)), certificate);
        writePem(making.resolve(CERTIFICATE), certificate);
        Files.move(making, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The broker's settings for its TLS listener: its keystore, and the truststore of its own connections to itself. */
    static Map<String, String> brokerConfig(Path dir) throws IOException {
        Path keystore = dir.toAbsolutePath().resolve(KEYSTORE);
        Map<String, String> config = new HashMap<>(Map.of(
                "ssl.keystore.type", "PKCS12",
                "ssl.keystore.location", keystore.toString(),
                "ssl.keystore.password", password(keystore)));
        config.putAll(clientConfig(dir));
        return config;
    }

    /** A client's settings that trust the broker's certificate. Holds the truststore's password: never log it. */
    static Map<String, String> clientConfig(Path dir) throws IOException {
        Path truststore = dir.toAbsolutePath().resolve(TRUSTSTORE);
        return Map.of(
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.password", password(truststore));
    }

    private static Path passwordFile(Path store) {
        return store.resolveSibling(store.getFileName() + ".password");
    }

    private static String password(Path store) throws IOException {
        return Files.readString(passwordFile(store), StandardCharsets.UTF_8).strip();
    }

    private static void keytool(String... args) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "keytool.exe" : "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IllegalStateException("secure mode needs the Java runtime's keytool to make the embedded broker's"
                    + " TLS certificate, and this runtime has none (" + keytool + "); run the service on a full JDK or JRE");
        }
        List<String> command = Stream.concat(Stream.of(keytool.toString()), Stream.of(args)).toList();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Its standard input closed: keytool never waits for an answer.
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool could not make the embedded broker's TLS certificate: " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the embedded broker's TLS certificate", e);
        }
    }

    private static Certificate certificate(Path keystore, String password) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store.getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the certificate keytool made: " + e.getMessage(), e);
        }
    }

    private static void writeTruststore(Path file, String password, Certificate certificate) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(ALIAS, certificate);
            store.store(out, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the truststore: " + e.getMessage(), e);
        }
    }

    private static void writePem(Path file, Certificate certificate) throws IOException {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded());
            Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the certificate as PEM: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

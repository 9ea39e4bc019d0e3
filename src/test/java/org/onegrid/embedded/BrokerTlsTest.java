package org.onegrid.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secure embedded broker's certificate, keystore and truststore, made with the JDK's keytool into real files. */
class BrokerTlsTest {

    @TempDir
    Path dataDir;

    @Test
    void makesASelfSignedCertificateFor127001AndATruststoreThatTrustsIt() throws Exception {
        Path tls = dataDir.resolve("tls");
        BrokerTls.ensure(tls);

        Map<String, String> broker = BrokerTls.brokerConfig(tls);
        KeyStore keystore = open(broker.get("ssl.keystore.location"), broker.get("ssl.keystore.password"));
        String alias = keystore.aliases().nextElement();
        assertThat(keystore.getKey(alias, broker.get("ssl.keystore.password").toCharArray())).isInstanceOf(PrivateKey.class);
        X509Certificate certificate = (X509Certificate) keystore.getCertificate(alias);
        certificate.checkValidity();
        assertThat(certificate.getSubjectAlternativeNames()).contains(List.of(7, "127.0.0.1"), List.of(2, "localhost"));

        Map<String, String> client = BrokerTls.clientConfig(tls);
        KeyStore truststore = open(client.get("ssl.truststore.location"), client.get("ssl.truststore.password"));
        assertThat(truststore.getCertificateAlias(certificate)).isNotNull();
        assertThat(truststore.isCertificateEntry(truststore.getCertificateAlias(certificate))).isTrue();
        try (InputStream pem = Files.newInputStream(tls.resolve(BrokerTls.CERTIFICATE))) {
            assertThat(CertificateFactory.getInstance("X.509").generateCertificate(pem)).isEqualTo(certificate);
        }
        assertThat(client.get("ssl.truststore.password")).isNotEqualTo(broker.get("ssl.keystore.password"));
        for (String store : List.of(BrokerTls.KEYSTORE, BrokerTls.TRUSTSTORE)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(store + ".password"))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void reusesWhatTheFirstStartMade() throws Exception {
        Path tls = dataDir.resolve("tls");
        BrokerTls.ensure(tls);
        byte[] certificate = Files.readAllBytes(tls.resolve(BrokerTls.CERTIFICATE));
        Map<String, String> first = BrokerTls.brokerConfig(tls);

        BrokerTls.ensure(tls);

        assertThat(Files.readAllBytes(tls.resolve(BrokerTls.CERTIFICATE))).isEqualTo(certificate);
        assertThat(BrokerTls.brokerConfig(tls)).isEqualTo(first);
    }

    @Test
    void makesAgainWhatAStartKilledHalfWayLeft() throws Exception {
        Path tls = dataDir.resolve("tls");
        Path leftOver = Files.createDirectories(dataDir.resolve("tls.making"));
        Files.writeString(leftOver.resolve(BrokerTls.KEYSTORE), "half-written");

        BrokerTls.ensure(tls);

        assertThat(leftOver).doesNotExist();
        Map<String, String> broker = BrokerTls.brokerConfig(tls);
        assertThat(open(broker.get("ssl.keystore.location"), broker.get("ssl.keystore.password")).size()).isEqualTo(1);
    }

    private static KeyStore open(String location, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}

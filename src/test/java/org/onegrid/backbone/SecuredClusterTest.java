package org.onegrid.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.config.OneGridProperties;
import org.onegrid.config.SecretReferences;
import org.onegrid.embedded.EmbeddedKafkaBroker;
import org.onegrid.testing.FreePorts;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The service reaches a cluster that asks for TLS and a SCRAM login (SASL_SSL) with settings as docs/configuration.md
 * gives them: its login and the truststore's password as {@code ${file:...}} references under onegrid.kafka.client.
 * The cluster is a real broker: the embedded one in secure mode, started apart from the service, as a stand-in.
 */
class SecuredClusterTest {

    @TempDir
    Path dir;

    @Test
    void reachesASaslSslClusterWithItsLoginAndTruststoreGivenAsReferences() throws Exception {
        Path clusterData = dir.resolve("cluster");
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(FreePorts.next(), FreePorts.next(), clusterData, true)) {
            String password = Files.readString(clusterData.resolve("secrets").resolve(EmbeddedKafkaBroker.SERVICE_USER + ".password")).strip();
            Path jaas = Files.writeString(dir.resolve("onegrid-kafka.jaas"), EmbeddedKafkaBroker.scramJaas(EmbeddedKafkaBroker.SERVICE_USER, password));
            Path tls = clusterData.resolve("tls");
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().addFirst(new MapPropertySource("application.yml", Map.of(
                    "onegrid.kafka.bootstrap-servers", cluster.bootstrapServers(),
                    "onegrid.kafka.client.security.protocol", "SASL_SSL",
                    "onegrid.kafka.client.sasl.mechanism", "SCRAM-SHA-512",
                    "onegrid.kafka.client.sasl.jaas.config", "${file:" + jaas + "}",
                    "onegrid.kafka.client.ssl.truststore.type", "PKCS12",
                    "onegrid.kafka.client.ssl.truststore.location", tls.resolve("truststore.p12").toString(),
                    "onegrid.kafka.client.ssl.truststore.password", "${file:" + tls.resolve("truststore.p12.password") + "}")));
            SecretReferences.addTo(environment);
            OneGridProperties properties = Binder.get(environment).bindOrCreate("onegrid", OneGridProperties.class);

            try (KafkaBackbone backbone = KafkaBackbone.start(properties, environment)) {
                assertThat(backbone.isEmbedded()).isFalse();
                assertThat(backbone.admin().listTopics().names()).succeedsWithin(Duration.ofSeconds(30))
                        .satisfies(topics -> assertThat(topics).contains(Topics.GOLDEN.name(), Topics.SOURCE.name()));
            }
        }
    }
}

package org.onegrid.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.OneGridApplication;
import org.onegrid.config.ConfigProblem;
import org.onegrid.config.ConfigProblemsException;
import org.onegrid.embedded.EmbeddedKafkaBroker;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.onegrid.testing.FreePorts;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Bad configuration fails start-up with every problem listed and its fix named. */
class BadConfigurationTest {

    @TempDir
    Path dataDir;

    @Test
    void listsEveryUnknownKeyAndBadValueAtOnceWithTheFix() {
        List<String> args = new ArrayList<>(List.of(EmbeddedServiceProperties.asArguments(EmbeddedServiceProperties.on(dataDir))));
        args.add("--onegrid.kafka.bootstrap-server=127.0.0.1:1");
        args.add("--onegrid.topics.partition=3");
        args.add("--onegrid.topics.replication-factor=0");

        List<ConfigProblem> problems = problemsOf(args);

        assertThat(problems).extracting(ConfigProblem::where).containsExactlyInAnyOrder(
                "onegrid.kafka.bootstrap-server", "onegrid.topics.partition", "onegrid.topics.replication-factor");
        assertThat(problems).filteredOn(p -> p.where().equals("onegrid.kafka.bootstrap-server"))
                .singleElement().satisfies(p -> assertThat(p.fix()).contains("did you mean onegrid.kafka.bootstrap-servers"));
        assertThat(problems).filteredOn(p -> p.where().equals("onegrid.topics.partition"))
                .singleElement().satisfies(p -> assertThat(p.fix()).contains("onegrid.topics.partitions"));
    }

    @Test
    void refusesAClusterThatCannotBeReached() {
        List<String> args = List.of("--onegrid.kafka.bootstrap-servers=127.0.0.1:" + FreePorts.next(),
                "--onegrid.kafka.connect-timeout=2s", "--onegrid.sandbox.enabled=false", "--logging.file.name=" + dataDir.resolve("log/onegrid.log"));

        List<ConfigProblem> problems = problemsOf(args);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("onegrid.kafka.bootstrap-servers");
            assertThat(p.message()).contains("did not answer within 2 s");
            assertThat(p.fix()).contains("check the address");
        });
    }

    @Test
    void refusesClusterSecuritySettingsThatCannotWorkWithEveryReasonAndNoSecret() throws Exception {
        Path truststore = dataDir.resolve("truststore.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (OutputStream out = Files.newOutputStream(truststore)) {
            store.store(out, "the-truststores-password".toCharArray());
        }
        Path otherPassword = Files.writeString(dataDir.resolve("other.password"), "another-password\n");
        List<String> args = new ArrayList<>(List.of("--onegrid.kafka.bootstrap-servers=127.0.0.1:" + FreePorts.next(),
                "--onegrid.sandbox.enabled=false", "--logging.file.name=" + dataDir.resolve("log/onegrid.log")));
        args.add("--onegrid.kafka.client.security.protocol=SASL_SSL");
        args.add("--onegrid.kafka.client.sasl.jaas.config=${file:" + dataDir.resolve("onegrid.jaas") + "}");
        args.add("--onegrid.kafka.client.ssl.truststore.type=PKCS12");
        args.add("--onegrid.kafka.client.ssl.truststore.location=" + truststore);
        args.add("--onegrid.kafka.client.ssl.truststore.password=${file:" + otherPassword + "}");
        args.add("--onegrid.kafka.client.ssl.keystore.location=" + dataDir.resolve("onegrid.p12"));
        args.add("--onegrid.kafka.client.ssl.keystore.password=written-in-clear");

        List<ConfigProblem> problems = problemsOf(args);

        assertThat(problems).extracting(ConfigProblem::where).containsExactlyInAnyOrder(
                "onegrid.kafka.client.sasl.jaas.config", "onegrid.kafka.client.sasl.mechanism",
                "onegrid.kafka.client.ssl.truststore.location", "onegrid.kafka.client.ssl.keystore.password");
        assertThat(problems).extracting(ConfigProblem::toString).anySatisfy(p -> assertThat(p).contains("onegrid.jaas does not exist"))
                .anySatisfy(p -> assertThat(p).contains("does not open as PKCS12 with ssl.truststore.password"))
                .anySatisfy(p -> assertThat(p).contains("ssl.keystore.password: a secret written in clear"))
                .noneSatisfy(p -> assertThat(p).contains("written-in-clear"));
    }

    @Test
    void refusesClientSecuritySettingsOnTheEmbeddedBrokerWhichSetsItsOwn() {
        List<String> args = new ArrayList<>(List.of(EmbeddedServiceProperties.asArguments(EmbeddedServiceProperties.on(dataDir))));
        args.add("--onegrid.kafka.client.security.protocol=SASL_SSL");

        List<ConfigProblem> problems = problemsOf(args);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("onegrid.kafka.client.security.protocol");
            assertThat(p.message()).contains("the embedded broker sets its clients' security itself");
        });
    }

    @Test
    void refusesAGoldenTopicThatIsNotCompacted() throws Exception {
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(FreePorts.next(), FreePorts.next(), dataDir.resolve("cluster"))) {
            try (var admin = org.apache.kafka.clients.admin.Admin.create(
                    Map.<String, Object>of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(Topics.GOLDEN.name(), 1, (short) 1)
                        .configs(Map.of("cleanup.policy", "delete")))).all().get(10, TimeUnit.SECONDS);
            }
            List<String> args = List.of("--onegrid.kafka.bootstrap-servers=" + cluster.bootstrapServers(), "--onegrid.sandbox.enabled=false",
                    "--logging.file.name=" + dataDir.resolve("log/onegrid.log"));

            List<ConfigProblem> problems = problemsOf(args);

            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.where()).isEqualTo("topic onegrid.person.golden");
                assertThat(p.message()).contains("cleanup.policy is delete but the pipeline needs compact");
                assertThat(p.fix()).contains("--entity-name onegrid.person.golden --add-config cleanup.policy=compact");
            });
        }
    }

    private static List<ConfigProblem> problemsOf(List<String> args) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(OneGridApplication.class)
                .web(WebApplicationType.NONE).run(args.toArray(String[]::new)).close());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof ConfigProblemsException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("start-up failure caused by configuration problems, was: %s", failure)
                .isInstanceOf(ConfigProblemsException.class);
        return ((ConfigProblemsException) cause).problems();
    }
}

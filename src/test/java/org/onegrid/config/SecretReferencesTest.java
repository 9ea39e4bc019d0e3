package org.onegrid.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Secrets in the service's settings: references resolved from real files and the real environment, never in clear. */
class SecretReferencesTest {

    @TempDir
    Path dir;

    @Test
    void resolvesFileAndEnvironmentReferencesInAnySetting() throws Exception {
        Path secret = Files.writeString(dir.resolve("kafka.password"), "s3cret-from-a-file\n");
        String variable = System.getenv().keySet().stream().filter(name -> !System.getenv(name).isEmpty()).findFirst().orElseThrow();
        StandardEnvironment environment = environment(Map.of(
                "onegrid.kafka.client.ssl.truststore.password", "${file:" + secret + "}",
                "onegrid.kafka.client.sasl.jaas.config", "${env:" + variable + "}"));

        SecretReferences.addTo(environment);

        assertThat(environment.getProperty("onegrid.kafka.client.ssl.truststore.password")).isEqualTo("s3cret-from-a-file");
        assertThat(environment.getProperty("onegrid.kafka.client.sasl.jaas.config")).isEqualTo(System.getenv(variable));
    }

    @Test
    void refusesSecretsWrittenInClearAndReferencesThatCannotBeResolvedWithoutShowingAValue() {
        StandardEnvironment environment = environment(Map.of(
                "onegrid.kafka.client.ssl.keystore.password", "written-in-clear",
                "onegrid.kafka.client.ssl.truststore.password", "${file:" + dir.resolve("missing.password") + "}",
                "onegrid.kafka.client.ssl.key.password", "${env:ONEGRID_TEST_NEVER_SET_VARIABLE}",
                "onegrid.kafka.client.sasl.jaas.config", "${ONEGRID_KAFKA_JAAS}",
                "onegrid.kafka.client.security.protocol", "SASL_SSL"));
        SecretReferences.addTo(environment);

        var problems = SecretReferences.problems(environment, "onegrid.kafka.client", key -> key.endsWith("password") || key.endsWith("jaas.config"));

        assertThat(problems).extracting(ConfigProblem::where).containsExactlyInAnyOrder(
                "onegrid.kafka.client.ssl.keystore.password", "onegrid.kafka.client.ssl.truststore.password",
                "onegrid.kafka.client.ssl.key.password");
        assertThat(problems).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "a secret written in clear (its value is not shown here).",
                "the secret file " + dir.resolve("missing.password") + " does not exist.",
                "the environment variable ONEGRID_TEST_NEVER_SET_VARIABLE is not set.");
        assertThat(problems).allSatisfy(p -> assertThat(p.toString()).doesNotContain("written-in-clear").contains("${file:"));
    }

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application.yml", settings));
        return environment;
    }
}

package org.onegrid.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.OneGridApplication;
import org.onegrid.config.ConfigProblem;
import org.onegrid.config.ConfigProblemsException;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A required connector with problems refuses start-up, listing all of them; a non-required one does not. */
class RequiredConnectorTest {

    @TempDir
    Path root;

    @Test
    void refusesToStartWhenARequiredConnectorHasProblemsListingThemAll() {
        Path connectors = root.resolve("connectors");
        Drops.write(connectors.resolve("public-security.yaml"), """
                type: file-drop
                department: 公安局
                required: true
                source:
                  path: %s
                  encoding: EBCDIC-CN
                  colour: red
                """.formatted(root.resolve("inbox")));
        Drops.write(connectors.resolve("health.yaml"), """
                type: http-poll
                department: 卫健委
                key: [id]
                source: {url: "https://health.example/api"}
                """);
        List<String> args = new ArrayList<>(List.of(EmbeddedServiceProperties.asArguments(EmbeddedServiceProperties.on(root))));

        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(OneGridApplication.class)
                .web(WebApplicationType.NONE).run(args.toArray(String[]::new)).close());

        Throwable cause = failure;
        while (cause != null && !(cause instanceof ConfigProblemsException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("start-up refused for configuration problems, was: %s", failure).isInstanceOf(ConfigProblemsException.class);
        assertThat(((ConfigProblemsException) cause).problems()).extracting(ConfigProblem::where).containsExactlyInAnyOrder(
                "connectors/public-security.yaml: key",
                "connectors/public-security.yaml: source.encoding",
                "connectors/public-security.yaml: source.colour");
    }
}

package org.onegrid.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.OneGridApplication;
import org.onegrid.config.ConfigProblem;
import org.onegrid.config.ConfigProblemsException;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.onegrid.testing.TestSubscribers;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The service refuses to start with a subscriber file that is wrong, and says where and how to fix it. */
class BadSubscribersTest {

    @TempDir
    Path dataDir;

    @Test
    void refusesToStartWithEveryProblemOfTheSubscribersFiles() throws Exception {
        Path subscribers = Files.createDirectories(dataDir.resolve("subscribers"));
        Files.writeString(subscribers.resolve("street-office.yaml"), """
                kafka: { principal: onegrid }
                scope: { streets: ["城北街道"] }
                fields: { phone: mask }
                """);
        Map<String, Object> properties = EmbeddedServiceProperties.on(dataDir);
        properties.put("onegrid.security.subscribers-dir", subscribers.toString());
        properties.put("onegrid.mapping.grid-register", TestSubscribers.REGISTER.toAbsolutePath().toString());
        List<String> args = List.of(EmbeddedServiceProperties.asArguments(properties));

        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(OneGridApplication.class)
                .web(WebApplicationType.NONE).run(args.toArray(String[]::new)).close());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof ConfigProblemsException)) {
            cause = cause.getCause();
        }

        assertThat(cause).as("start-up refused for configuration problems, was: %s", failure).isInstanceOf(ConfigProblemsException.class);
        String file = subscribers.resolve("street-office.yaml").toString();
        assertThat(((ConfigProblemsException) cause).problems()).extracting(ConfigProblem::where).containsExactlyInAnyOrder(
                file + ": kafka.principal", file + ": scope.streets[0]", file + ": fields.phone");
        assertThat(cause.getMessage()).contains("write its code: 360502001 (城北街道)", "did you mean phones?");
    }
}

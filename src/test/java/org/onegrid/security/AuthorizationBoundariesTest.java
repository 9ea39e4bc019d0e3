package org.onegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The policy is decided in one place: {@code security} knows nothing of the channels that apply it, {@code publish}
 * (Kafka views) knows nothing of the API, and no channel (views, query API, console) masks on its own (see each
 * package-info).
 */
class AuthorizationBoundariesTest {

    private static final Path MAIN = Path.of("src", "main", "java", "org", "onegrid");

    @Test
    void securityDependsOnNoChannel() throws IOException {
        assertThat(lines("security").filter(l -> l.startsWith("import ")))
                .isNotEmpty()
                .noneMatch(l -> l.contains("org.onegrid.publish") || l.contains("org.onegrid.api"));
    }

    @Test
    void publishDependsNotOnTheApi() throws IOException {
        assertThat(lines("publish").filter(l -> l.startsWith("import "))).noneMatch(l -> l.contains("org.onegrid.api"));
    }

    @Test
    void noChannelMasksOnItsOwn() throws IOException {
        for (String channel : List.of("publish", "api")) {
            assertThat(lines(channel)).as(channel).noneMatch(l -> l.contains("Masks.") || l.contains("FieldAction."));
        }
        // The console masks the free text of rejected payloads (the same for every operator, no policy), nothing else.
        assertThat(lines("console")).noneMatch(l -> l.contains("FieldAction.") || (l.contains("Masks.") && !l.contains("Masks.inText(")));
    }

    private static Stream<String> lines(String pkg) throws IOException {
        try (Stream<Path> files = Files.list(MAIN.resolve(pkg))) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream().flatMap(f -> {
                try {
                    return Files.readAllLines(f, StandardCharsets.UTF_8).stream().map(String::trim);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }
}

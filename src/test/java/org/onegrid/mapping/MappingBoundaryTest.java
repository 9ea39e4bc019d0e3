package org.onegrid.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The mapping package depends on what its package-info allows: the JDK, the standardizers, the topic registry and
 * serdes, problem reports, the generated schema, Jackson and Kafka; not on Spring, Camel, the connectors or resolve.
 */
class MappingBoundaryTest {

    private static final Path SOURCES = Path.of("src/main/java/org/onegrid/mapping");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final String ALLOWED = "(java\\.|org\\.onegrid\\.(schema|standardize|backbone|config|mapping)\\."
            + "|com\\.fasterxml\\.jackson\\.|org\\.apache\\.kafka\\.|org\\.apache\\.avro\\.).*";

    @Test
    void dependsOnlyOnWhatItsPackageInfoAllows() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            Matcher m = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                assertThat(m.group(1)).as(file.getFileName() + " imports").matches(ALLOWED);
            }
        }
    }
}

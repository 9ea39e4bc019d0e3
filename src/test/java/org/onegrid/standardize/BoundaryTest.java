package org.onegrid.standardize;

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

/** The package may depend on the JDK and the generated schema classes only (see package-info). */
class BoundaryTest {

    private static final Path SOURCES = Path.of("src/main/java/org/onegrid/standardize");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void dependsOnNothingButTheJdkAndTheSchema() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            Matcher m = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                assertThat(m.group(1)).as(file.getFileName() + " imports")
                        .matches("(java\\.|org\\.onegrid\\.schema\\.|org\\.onegrid\\.standardize\\.).*");
            }
        }
    }
}

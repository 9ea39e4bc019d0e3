package org.onegrid.resolve.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The matching package depends on the JDK and the generated schema classes only (see package-info). */
class MatchPackageDependenciesTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "org", "onegrid", "resolve", "match");

    @Test
    void importsNothingButTheJdkAndTheSchemaClasses() throws IOException {
        List<String> imports;
        try (Stream<Path> files = Files.list(SOURCES)) {
            imports = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(MatchPackageDependenciesTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .toList();
        }

        assertThat(imports).isNotEmpty()
                .allMatch(line -> line.matches("import (static )?(java\\.|org\\.onegrid\\.schema\\.).*"));
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

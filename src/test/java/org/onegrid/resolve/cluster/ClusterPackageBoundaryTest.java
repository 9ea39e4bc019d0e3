package org.onegrid.resolve.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core depends on the JDK, Avro and the matcher's contract only, as its package-info says. */
class ClusterPackageBoundaryTest {

    private static final List<String> ALLOWED = List.of(
            "java.", "org.apache.avro.", "org.onegrid.schema.", "org.onegrid.resolve.match.");

    @Test
    void importsNothingButTheJdkAvroAndTheMatcherContract() throws IOException {
        Path source = Path.of("src/main/java/org/onegrid/resolve/cluster");
        try (Stream<Path> files = Files.list(source)) {
            List<String> imports = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(ClusterPackageBoundaryTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .map(line -> line.replace("import static ", "").replace("import ", ""))
                    .toList();
            assertThat(imports).isNotEmpty()
                    .allSatisfy(i -> assertThat(ALLOWED).anySatisfy(prefix -> assertThat(i).startsWith(prefix)));
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package org.onegrid.embedded.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    @Test
    void sameSeedAndSizeWriteByteIdenticalFiles(@TempDir Path dir) throws IOException {
        Population population = Population.generate(new PopulationSpec(7, 3_000));
        PopulationFiles.writeAll(population, dir.resolve("a"), StandardCharsets.UTF_8, n -> { });
        PopulationFiles.writeAll(Population.generate(new PopulationSpec(7, 3_000)), dir.resolve("b"),
                StandardCharsets.UTF_8, n -> { });
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("a"))) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(3 + Department.values().length);
        for (Path a : files) {
            Path b = dir.resolve("b").resolve(a.getFileName());
            assertThat(Files.mismatch(a, b)).as(a.getFileName().toString()).isEqualTo(-1L);
        }
    }

    @Test
    void repeatedPassesOverOnePopulationAgree() {
        Population population = Population.generate(new PopulationSpec(7, 2_000));
        assertThat(population.records().toList()).isEqualTo(population.records().toList());
        assertThat(population.residents().toList()).isEqualTo(population.residents().toList());
    }

    @Test
    void differentSeedsGiveDifferentPeople() {
        List<String> a = Population.generate(new PopulationSpec(1, 500)).residents().map(Resident::name).toList();
        List<String> b = Population.generate(new PopulationSpec(2, 500)).residents().map(Resident::name).toList();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void recordErrorRatesDoNotChangeWhoLivesInTheCity() {
        ErrorRates defaults = ErrorRates.defaults();
        ErrorRates onlyHardNegatives = new ErrorRates(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, defaults.twins(), defaults.namesakes());
        List<Resident> noisy = Population.generate(new PopulationSpec(5, 1_000, defaults)).residents().toList();
        List<Resident> clean = Population.generate(new PopulationSpec(5, 1_000, onlyHardNegatives)).residents().toList();
        assertThat(clean).isEqualTo(noisy);
    }
}

package org.onegrid.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.embedded.population.PopulationSpec;
import org.onegrid.testing.PairwiseAccuracy;

/**
 * The accuracy floor on the project's labelled synthetic city, default error rates: the production mapping and
 * resolver must find the same resident across the four departments, and never merge twins. The benchmark reports
 * the same figures for larger cities.
 */
class LabelledCityAccuracyTest {

    @TempDir
    Path workDir;

    @Test
    void resolvesTheLabelledCityAboveTheAccuracyFloorAndNeverMergesTwins() {
        LabelledCity.Result result = LabelledCity.run(new PopulationSpec(11, 3000), workDir);
        System.out.println("Labelled city, 3,000 residents: " + result);
        PairwiseAccuracy accuracy = result.accuracy();

        assertThat(accuracy.twinMerges()).as("twins merged").isZero();
        assertThat(accuracy.precision()).as("pairwise precision").isGreaterThanOrEqualTo(0.995);
        assertThat(accuracy.recall()).as("pairwise recall").isGreaterThanOrEqualTo(0.99);
    }
}

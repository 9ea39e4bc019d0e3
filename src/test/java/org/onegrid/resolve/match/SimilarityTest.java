package org.onegrid.resolve.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityTest {

    @Test
    void jaroWinklerGivesTheTextbookValues() {
        assertThat(Similarity.jaroWinkler("martha", "marhta")).isCloseTo(0.9611, within(1e-4));
        assertThat(Similarity.jaroWinkler("dwayne", "duane")).isCloseTo(0.84, within(1e-4));
        assertThat(Similarity.jaroWinkler("dixon", "dicksonx")).isCloseTo(0.8133, within(1e-4));
        assertThat(Similarity.jaroWinkler("abc", "abc")).isEqualTo(1.0);
        assertThat(Similarity.jaroWinkler("abc", "")).isEqualTo(0.0);
    }

    @Test
    void oneEditIsOneSubstitutionOrOneAdjacentTransposition() {
        assertThat(Similarity.oneEdit("1234", "1284")).isTrue();
        assertThat(Similarity.oneEdit("1234", "1324")).isTrue();
        assertThat(Similarity.oneEdit("1234", "4231")).isFalse();
        assertThat(Similarity.oneEdit("1234", "1243x")).isFalse();
        assertThat(Similarity.oneEdit("1234", "1234")).isFalse();
        assertThat(Similarity.oneEdit("1234", "2143")).isFalse();
    }

    @Test
    void soundexGivesTheStandardCodes() {
        assertThat(Similarity.soundex("robert")).isEqualTo("R163");
        assertThat(Similarity.soundex("rupert")).isEqualTo("R163");
        assertThat(Similarity.soundex("ashcraft")).isEqualTo("A261");
        assertThat(Similarity.soundex("tymczak")).isEqualTo("T522");
        assertThat(Similarity.soundex("pfister")).isEqualTo("P236");
        assertThat(Similarity.soundex("lee")).isEqualTo("L000");
    }

    @Test
    void tokenOverlapForgivesAMissingPartButNotADifferentHouseNumber() {
        List<String> full = Similarity.tokens("5 namadgi circuit ryanfield berowra heights 7307 qld");
        assertThat(Similarity.tokenOverlap(full, Similarity.tokens("namadgi circuit ryanfield berowra heights 7307 qld")))
                .isEqualTo(1.0);
        assertThat(Similarity.tokenOverlap(Similarity.tokens("12 forbes street"), Similarity.tokens("45 forbes street")))
                .isLessThan(0.7);
        assertThat(Similarity.tokenOverlap(Similarity.tokens("12 forbes street"), Similarity.tokens("21 forbes street")))
                .as("a transposed house number is half a word").isCloseTo(2.5 / 3, within(1e-9));
    }
}

package org.onegrid.embedded.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdNumbersTest {

    @Test
    void computesTheCheckCharacterOfTheStandardsExample() {
        assertThat(IdNumbers.checkChar("11010519491231002")).isEqualTo('X');
        assertThat(IdNumbers.isValid("11010519491231002X")).isTrue();
    }

    @Test
    void everyInjectedTypoFailsTheCheck() {
        SplittableRandom r = new SplittableRandom(3);
        String id = "11010519491231002X";
        for (int i = 0; i < 10_000; i++) {
            String typo = IdNumbers.typo(id, r);
            assertThat(typo).hasSize(18).isNotEqualTo(id);
            assertThat(IdNumbers.isValid(typo)).as(typo).isFalse();
        }
    }

    @Test
    void legacyNumberDropsTheCenturyAndTheCheckCharacter() {
        assertThat(IdNumbers.legacy15("11010519491231002X")).isEqualTo("110105491231002");
    }
}

package org.onegrid.embedded.population;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumeralsTest {

    @Test
    void writesAddressNumbersInChinese() {
        assertThat(Numerals.chinese(3)).isEqualTo("三");
        assertThat(Numerals.chinese(10)).isEqualTo("十");
        assertThat(Numerals.chinese(12)).isEqualTo("十二");
        assertThat(Numerals.chinese(30)).isEqualTo("三十");
        assertThat(Numerals.chinese(47)).isEqualTo("四十七");
    }
}

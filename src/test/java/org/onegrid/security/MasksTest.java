package org.onegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MasksTest {

    @Test
    void keepsRegionAndLastFourOfAnIdNumber() {
        assertThat(Masks.idNumber("36050219850302123X")).isEqualTo("360502********123X");
    }

    @Test
    void keepsFirstThreeAndLastFourOfAMobile() {
        assertThat(Masks.phone("13812345678")).isEqualTo("138****5678");
    }

    @Test
    void keepsAreaCodeAndLastFourOfALandline() {
        assertThat(Masks.phone("0790-6221234")).isEqualTo("0790-***1234");
        assertThat(Masks.phone("6221234")).isEqualTo("***1234");
    }

    @Test
    void keepsFirstAndLastCharacterOfAName() {
        assertThat(Masks.name("陈晓明")).isEqualTo("陈*明");
        assertThat(Masks.name("张三")).isEqualTo("张*");
        assertThat(Masks.name("欧阳娜娜")).isEqualTo("欧**娜");
        assertThat(Masks.name("阿依古丽·买买提")).isEqualTo("阿******提");
    }

    @Test
    void masksIdAndMobileNumbersInFreeTextAndLeavesOtherNumbers() {
        assertThat(Masks.inText("{\"SFZH\":\"36050219850302123X\",\"LXDH\":\"13812345678\",\"XM\":\"陈晓明\",\"ROOM\":\"502\"}"))
                .isEqualTo("{\"SFZH\":\"360502********123X\",\"LXDH\":\"138****5678\",\"XM\":\"陈晓明\",\"ROOM\":\"502\"}");
        assertThat(Masks.inText("T1,360502850302123,0790-6221234")).isEqualTo("T1,360502*****2123,0790-6221234");
        assertThat(Masks.inText("order 1381234567890123")).isEqualTo("order 1381234567890123");
    }

    @Test
    void keepsAnAddressUpToItsFirstNumber() {
        assertThat(Masks.addressText("长青社区阳光花园3栋2单元502室")).isEqualTo("长青社区阳光花园…");
        assertThat(Masks.addressText("南湖小区")).isEqualTo("南湖小区");
    }
}

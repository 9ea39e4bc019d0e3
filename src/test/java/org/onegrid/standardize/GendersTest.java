package org.onegrid.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.onegrid.schema.Gender;

class GendersTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "1, MALE", "2, FEMALE", "0, UNKNOWN", "9, UNSPECIFIED",
        "01, MALE", "02, FEMALE", "１, MALE", "' 2 ', FEMALE",
        "男, MALE", "女, FEMALE", "男性, MALE", "女性, FEMALE", "' 男 ', MALE",
        "M, MALE", "m, MALE", "F, FEMALE", "f, FEMALE", "Ｍ, MALE",
        "male, MALE", "Male, MALE", "MALE, MALE", "female, FEMALE", "Female, FEMALE",
        "未知, UNKNOWN", "未知的性别, UNKNOWN", "unknown, UNKNOWN",
        "未说明, UNSPECIFIED", "未说明的性别, UNSPECIFIED",
    })
    void mapsEveryKnownGenderCode(String stated, Gender expected) {
        assertThat(Genders.parse(stated)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " "})
    void readsNothingStatedAsUnknownGender(String stated) {
        assertThat(Genders.parse(stated)).isEqualTo(Gender.UNKNOWN);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"3", "x", "男女", "boy", "10", "man", "其他"})
    void rejectsUnknownGenderCode(String stated) {
        assertThatThrownBy(() -> Genders.parse(stated)).isInstanceOfSatisfying(StandardizeException.class, e -> {
            assertThat(e.reasonCode()).isEqualTo("GENDER_UNKNOWN_CODE");
            assertThat(e.getMessage()).doesNotContain(stated);
        });
    }
}

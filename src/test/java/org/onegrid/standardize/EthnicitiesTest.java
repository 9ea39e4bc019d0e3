package org.onegrid.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EthnicitiesTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "01, 01", "1, 01", "１, 01", "汉, 01", "汉族, 01", "' 汉族 ', 01", "漢族, 01",
        "05, 05", "5, 05", "维吾尔, 05", "维吾尔族, 05", "維吾爾族, 05",
        "02, 02", "蒙古族, 02", "蒙古, 02",
        "15, 15", "土家族, 15", "土家, 15",
        "30, 30", "土族, 30", "土, 30",
        "25, 25", "水族, 25", "水, 25",
        "49, 49", "京族, 49", "京, 49",
        "10, 10", "朝鲜族, 10", "朝鮮族, 10",
        "56, 56", "基诺族, 56", "基诺, 56",
        "97, 97", "其他, 97",
        "98, 98", "外国血统, 98", "外国血统中国籍人士, 98",
    })
    void mapsCodeOrNameToGb3304Code(String stated, String code) {
        assertThat(Ethnicities.code(stated)).isEqualTo(code);
    }

    @Test
    void knowsAllFiftySixGroupsByCodeAndName() {
        for (int n = 1; n <= 56; n++) {
            String code = n < 10 ? "0" + n : Integer.toString(n);
            String name = Ethnicities.name(code);
            assertThat(name).endsWith("族");
            assertThat(Ethnicities.code(name)).isEqualTo(code);
            assertThat(Ethnicities.code(Integer.toString(n))).isEqualTo(code);
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " "})
    void readsNothingStatedAsNoEthnicity(String stated) {
        assertThat(Ethnicities.code(stated)).isNull();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"0", "00", "57", "96", "99", "100", "族", "火星族", "Han", "汉族人"})
    void rejectsUnknownEthnicity(String stated) {
        assertThatThrownBy(() -> Ethnicities.code(stated)).isInstanceOfSatisfying(StandardizeException.class,
                e -> assertThat(e.reasonCode()).isEqualTo("ETHNICITY_UNKNOWN"));
    }
}

package org.onegrid.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "19850302", "1985-03-02", "1985/3/2", "1985/03/02", "1985.3.2", "1985-3-2",
        "1985年3月2日", "1985年03月02日", "1985 年 3 月 2 日", "1985年3月2号", "1985年3月2",
        "1985-03-02T00:00:00", "1985-03-02 00:00:00", "1985-03-02 00:00", "1985-03-02T08:30:00.000",
        "1985/3/2 0:00:00", "1985-03-02T00:00:00+08:00", "1985-03-01T16:00:00Z", "1985-03-01T16:00:00.000Z",
        "1985-03-01T16:00:00+0000",
        "31108", "31108.0", "31108.5",
        " 1985-03-02 ", "１９８５－０３－０２", "１９８５年３月２日", "３１１０８",
    })
    void parsesEveryDepartmentDateStyle(String stated) {
        assertThat(Dates.parse(stated)).isEqualTo(LocalDate.of(1985, 3, 2));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "1,     1900-01-01",
        "1889,  1905-03-03",
        "2101,  1905-10-01",
        "59,    1900-02-28",
        "61,    1900-03-01",
        "25569, 1970-01-01",
        "36526, 2000-01-01",
        "45000, 2023-03-15",
    })
    void readsExcelSerialNumbersInThe1900DateSystem(String serial, LocalDate expected) {
        assertThat(Dates.parse(serial)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"60", "0", "1985-02-30", "1985-13-02", "19851302", "19850230", "1985年2月29日",
        "1900-02-29", "1985-00-10", "1985-03-32", "1985-03-02 25:00:00", "00000000"})
    void rejectsImpossibleDate(String stated) {
        assertThatThrownBy(() -> Dates.parse(stated)).isInstanceOfSatisfying(StandardizeException.class, e -> {
            assertThat(e.reasonCode()).isEqualTo("DATE_IMPOSSIBLE");
            if (stated.length() > 3) {
                assertThat(e.getMessage()).doesNotContain(stated);
            }
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"yesterday", "1985", "1985-03", "1985年3月", "02/03/1985", "3/2/1985", "1985-03/02",
        "850302", "85-3-2", "85年3月2日", "123456", "1985030", "198503021", "1985-03-02X", "不详", "-1", "31108,5", "2026",
        "1890", "123456789"})
    void rejectsUnparseableDate(String stated) {
        assertThatThrownBy(() -> Dates.parse(stated)).isInstanceOfSatisfying(StandardizeException.class, e -> {
            assertThat(e.reasonCode()).isEqualTo("DATE_UNPARSEABLE");
            assertThat(e.getMessage()).doesNotContain(stated);
        });
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "\u3000"})
    void readsNothingStatedAsNoDate(String stated) {
        assertThat(Dates.parse(stated)).isNull();
        assertThat(Dates.parseBirthDate(stated, TODAY)).isNull();
    }

    @ParameterizedTest(name = "[{index}] {0} base {1} -> {2}")
    @CsvSource({
        "850302,   1930, 1985-03-02",
        "85-3-2,   1930, 1985-03-02",
        "85/03/02, 1930, 1985-03-02",
        "85.3.2,   1930, 1985-03-02",
        "85年3月2日, 1930, 1985-03-02",
        "290101,   1930, 2029-01-01",
        "300101,   1930, 1930-01-01",
        "050607,   1950, 2005-06-07",
        "19850302, 1930, 1985-03-02",
    })
    void acceptsTwoDigitYearsOnlyWhenAsked(String stated, int base, LocalDate expected) {
        assertThat(Dates.parse(stated, base)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "85-3-2,   1985-03-02",
        "26-11-23, 2026-11-23",
        "27-01-01, 1927-01-01",
        "001231,   2000-12-31",
    })
    void placesTwoDigitBirthYearsInThePastHundredYears(String stated, LocalDate expected) {
        assertThat(Dates.parseBirthDate(stated, TODAY, true)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"2026-11-24", "2030-01-01", "1889-12-31", "1066-10-14", "99999"})
    void rejectsImplausibleBirthDate(String stated) {
        assertThatThrownBy(() -> Dates.parseBirthDate(stated, TODAY))
                .isInstanceOfSatisfying(StandardizeException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("DATE_OUT_OF_RANGE");
                    assertThat(e.getMessage()).doesNotContain(stated);
                });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"2026-11-23", "1890-01-01", "1985-03-02", "31108"})
    void acceptsPlausibleBirthDate(String stated) {
        assertThat(Dates.parseBirthDate(stated, TODAY)).isNotNull();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"85-3-2", "850302"})
    void refusesTwoDigitBirthYearsUnlessAsked(String stated) {
        assertThatThrownBy(() -> Dates.parseBirthDate(stated, TODAY, false))
                .isInstanceOfSatisfying(StandardizeException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo("DATE_UNPARSEABLE"));
    }
}

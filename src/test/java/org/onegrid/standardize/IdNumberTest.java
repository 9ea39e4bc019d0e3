package org.onegrid.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.onegrid.schema.Gender;
import org.onegrid.schema.IdStatus;

class IdNumberTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            11010519491231002X    | 11010519491231002X | 1949-12-31 | FEMALE | 110105
            440524188001010014    | 440524188001010014 | 1880-01-01 | MALE   | 440524
            360502198503021232    | 360502198503021232 | 1985-03-02 | MALE   | 360502
            11010519491231002x    | 11010519491231002X | 1949-12-31 | FEMALE | 110105
            '  360502198503021232 ' | 360502198503021232 | 1985-03-02 | MALE | 360502
            '360502 19850302 1232' | 360502198503021232 | 1985-03-02 | MALE   | 360502
            １１０１０５１９４９１２３１００２Ｘ | 11010519491231002X | 1949-12-31 | FEMALE | 110105
            １１０１０５１９４９１２３１００２ｘ | 11010519491231002X | 1949-12-31 | FEMALE | 110105
            """)
    void acceptsValidIdNumberInAnyStatedForm(String stated, String number, LocalDate birth, Gender gender,
            String region) {
        IdNumber id = IdNumber.parse(stated);
        assertThat(id.status()).isEqualTo(IdStatus.VALID);
        assertThat(id.number()).isEqualTo(number);
        assertThat(id.stated()).isEqualTo(number);
        assertThat(id.birthDate()).isEqualTo(birth);
        assertThat(id.gender()).isEqualTo(gender);
        assertThat(id.regionCode()).isEqualTo(region);
        assertThat(id.isIdentity()).isTrue();
        assertThat(id.requireIdentity()).isEqualTo(number);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            360502850302123 | 360502198503021232 | 1985-03-02 | MALE
            110105491231002 | 11010519491231002X | 1949-12-31 | FEMALE
            '110105 491231 002' | 11010519491231002X | 1949-12-31 | FEMALE
            """)
    void liftsLegacyFifteenDigitNumber(String stated, String number, LocalDate birth, Gender gender) {
        IdNumber id = IdNumber.parse(stated);
        assertThat(id.status()).isEqualTo(IdStatus.LIFTED);
        assertThat(id.number()).isEqualTo(number);
        assertThat(id.birthDate()).isEqualTo(birth);
        assertThat(id.gender()).isEqualTo(gender);
        assertThat(id.isIdentity()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "110105194912310021",   // last character wrong
        "360502198503021233",   // last digit off by one
        "360502198503021230",
        "360502198503012232",   // a date digit mistyped, still a real day
        "360502198503120232",   // adjacent date digits swapped, still a real day
        "3605021985030212 33",  // spaces do not save it
    })
    void keepsIdNumberWithWrongCheckDigitAsEvidenceOnly(String stated) {
        IdNumber id = IdNumber.parse(stated);
        assertThat(id.status()).isEqualTo(IdStatus.BAD_CHECKSUM);
        assertThat(id.stated()).isEqualTo(Text.removeSpaces(stated));
        assertThat(id.isIdentity()).isFalse();
        assertThat(id.number()).isNull();
        assertThat(id.birthDate()).isNull();
        assertThat(id.regionCode()).isNull();
        assertThat(id.gender()).isEqualTo(Gender.UNKNOWN);
    }

    @Test
    void rejectsIdNumberWithWrongCheckDigit() {
        IdNumber id = IdNumber.parse("110105194912310021");
        assertThat(id.status()).isEqualTo(IdStatus.BAD_CHECKSUM);
        assertThat(id.stated()).isEqualTo("110105194912310021");
        assertThat(id.number()).isNull();
        assertThatThrownBy(id::requireIdentity)
                .isInstanceOfSatisfying(StandardizeException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo("ID_CHECKSUM"))
                .message().doesNotContain("110105");
    }

    @Test
    void catchesEverySingleDigitErrorAndAdjacentTransposition() {
        String valid = "360502198503021232";
        for (int i = 0; i < 18; i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d == valid.charAt(i)) {
                    continue;
                }
                String wrong = valid.substring(0, i) + d + valid.substring(i + 1);
                assertThat(IdNumber.parse(wrong).isIdentity()).as(wrong).isFalse();
            }
        }
        for (int i = 0; i < 17; i++) {
            if (valid.charAt(i) == valid.charAt(i + 1)) {
                continue;
            }
            String swapped = valid.substring(0, i) + valid.charAt(i + 1) + valid.charAt(i) + valid.substring(i + 2);
            assertThat(IdNumber.parse(swapped).isIdentity()).as(swapped).isFalse();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "36050219850302123",     // 17 characters
        "3605021985030212321",   // 19 characters
        "36050219850230123X",    // 30 February
        "360502198513021232",    // month 13
        "X60502198503021232",    // X not last
        "36050219850302123Y",    // not a check character
        "000000198503021232",    // no such province
        "360502850230123",       // legacy with 30 February
        "36050285030212X",       // legacy numbers have no check character
        "unknown",
        "无",
        "360502-19850302-1232x-", // dashes are not part of an ID number
    })
    void marksMalformedIdNumber(String stated) {
        IdNumber id = IdNumber.parse(stated);
        assertThat(id.status()).isEqualTo(IdStatus.MALFORMED);
        assertThat(id.stated()).isNotNull();
        assertThat(id.isIdentity()).isFalse();
        assertThatThrownBy(id::requireIdentity).isInstanceOfSatisfying(StandardizeException.class,
                e -> assertThat(e.reasonCode()).isEqualTo("ID_MALFORMED"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\u3000"})
    void marksMissingIdNumber(String stated) {
        IdNumber id = IdNumber.parse(stated);
        assertThat(id.status()).isEqualTo(IdStatus.MISSING);
        assertThat(id.stated()).isNull();
        assertThatThrownBy(id::requireIdentity).isInstanceOfSatisfying(StandardizeException.class,
                e -> assertThat(e.reasonCode()).isEqualTo("ID_MISSING"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "11010519491231002, X",
        "44052418800101001, 4",
        "36050219850302123, 2",
        "36050219850302124, 0",
    })
    void computesCheckCharacter(String first17, char expected) {
        assertThat(IdNumber.checkCharacter(first17)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2} -> {3}")
    @CsvSource({
        "110105, 1949-12-31, 2,   11010519491231002X",
        "440524, 1880-01-01, 1,   440524188001010014",
        "360502, 1985-03-02, 123, 360502198503021232",
    })
    void composesValidIdNumber(String region, LocalDate birth, int sequence, String expected) {
        String number = IdNumber.compose(region, birth, sequence);
        assertThat(number).isEqualTo(expected);
        IdNumber id = IdNumber.parse(number);
        assertThat(id.status()).isEqualTo(IdStatus.VALID);
        assertThat(id.birthDate()).isEqualTo(birth);
        assertThat(id.gender()).isEqualTo(sequence % 2 == 1 ? Gender.MALE : Gender.FEMALE);
    }

    @Test
    void refusesToComposeFromPartsThatDoNotFit() {
        LocalDate birth = LocalDate.of(1985, 3, 2);
        assertThatThrownBy(() -> IdNumber.compose("36050", birth, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdNumber.compose("36050X", birth, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdNumber.compose("360502", null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdNumber.compose("360502", birth, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdNumber.compose("360502", birth, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "1101051949123100", "110105194912310021", "1101051949123100X"})
    void refusesToComputeCheckCharacterOfSomethingElse(String first17) {
        assertThatThrownBy(() -> IdNumber.checkCharacter(first17)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "[{index}] {0} stated {1}/{2} -> {3}")
    @CsvSource(nullValues = "null", textBlock = """
            360502198503021232, 1985-03-02, MALE,        ''
            360502198503021232, 1985-03-03, MALE,        BIRTH_DATE_DISAGREES_WITH_ID
            360502198503021232, 1985-03-02, FEMALE,      GENDER_DISAGREES_WITH_ID
            360502198503021232, 1985-02-03, FEMALE,      BIRTH_DATE_DISAGREES_WITH_ID GENDER_DISAGREES_WITH_ID
            360502198503021232, null,       UNKNOWN,     ''
            360502198503021232, null,       UNSPECIFIED, ''
            360502850302123,    1985-03-03, FEMALE,      BIRTH_DATE_DISAGREES_WITH_ID GENDER_DISAGREES_WITH_ID
            360502198503021233, 1990-01-01, FEMALE,      ''
            null,               1990-01-01, FEMALE,      ''
            """)
    void flagsStatedBirthDateOrGenderThatDisagreeWithIdNumber(String stated, LocalDate birth, Gender gender,
            String flags) {
        assertThat(String.join(" ", IdNumber.parse(stated).disagreementFlags(birth, gender))).isEqualTo(flags);
    }
}

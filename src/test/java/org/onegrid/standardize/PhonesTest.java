package org.onegrid.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhonesTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            13800138000          | 13800138000
            138-0013-8000        | 13800138000
            138 0013 8000        | 13800138000
            '  13800138000 '     | 13800138000
            +8613800138000       | 13800138000
            +86 138 0013 8000    | 13800138000
            +86-13800138000      | 13800138000
            (+86)13800138000     | 13800138000
            008613800138000      | 13800138000
            8613800138000        | 13800138000
            １３８００１３８０００  | 13800138000
            19912345678          | 19912345678
            0790-6221234         | 0790-6221234
            07906221234          | 0790-6221234
            0790 6221234         | 0790-6221234
            (0790)6221234        | 0790-6221234
            （0790）6221234      | 0790-6221234
            0790-62212345        | 0790-62212345
            010-62345678         | 010-62345678
            01062345678          | 010-62345678
            (010) 6234-5678      | 010-62345678
            021-62345678         | 021-62345678
            +86 10 62345678      | 010-62345678
            +86-790-6221234      | 0790-6221234
            0086-790-6221234     | 0790-6221234
            0790-6221234-801     | 0790-6221234
            0790-6221234转801    | 0790-6221234
            0790-6221234 ext 801 | 0790-6221234
            6221234              | 6221234
            13800138000(本人)    | 13800138000
            13800138000（父亲）  | 13800138000
            手机：13800138000    | 13800138000
            电话:0790-6221234    | 0790-6221234
            Tel: 13800138000     | 13800138000
            13800138000 母亲     | 13800138000
            62212345             | 62212345
            622-1234             | 6221234
            """)
    void standardizesOnePhone(String stated, String expected) {
        assertThat(Phones.standardize(stated, null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            6221234        | 0790 | 0790-6221234
            6221234        | 790  | 0790-6221234
            62345678       | 010  | 010-62345678
            0791-8123456   | 0790 | 0791-8123456
            13800138000    | 0790 | 13800138000
            """)
    void prefixesDefaultAreaCodeToLocalNumber(String stated, String area, String expected) {
        assertThat(Phones.standardize(stated, area)).isEqualTo(expected);
    }

    @Test
    void marksLocalNumberByTheMissingAreaCode() {
        assertThat(Phones.isWithoutAreaCode(Phones.standardize("6221234", null))).isTrue();
        assertThat(Phones.isWithoutAreaCode(Phones.standardize("0790-6221234", null))).isFalse();
        assertThat(Phones.isWithoutAreaCode(Phones.standardize("13800138000", null))).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "1380013800",      // 10 digits
        "138001380001",    // 12 digits
        "12800138000",     // no mobile starts 12
        "23800138000",
        "0790-0221234",    // local part cannot start 0
        "010-12345678",    // nor 1 (service numbers)
        "0790-123456",     // too short
        "0790-623456789",  // too long
        "0110-6221234",    // no such area code
        "+1 415 555 0100", // another country
        "无", "unknown", "-", "+86", "0790", "123",
        "138OO138OOO",     // letter O for zero
    })
    void rejectsMalformedPhone(String stated) {
        assertThatThrownBy(() -> Phones.standardize(stated, null)).isInstanceOfSatisfying(StandardizeException.class,
                e -> {
                    assertThat(e.reasonCode()).isEqualTo("PHONE_MALFORMED");
                    if (stated.length() > 3) {
                        assertThat(e.getMessage()).doesNotContain(stated);
                    }
                });
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " "})
    void rejectsNothingAsOnePhoneButReadsItAsNoPhones(String stated) {
        assertThatThrownBy(() -> Phones.standardize(stated, null)).isInstanceOf(StandardizeException.class);
        assertThat(Phones.parseAll(stated)).isEqualTo(new Phones.Parsed(List.of(), 0));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1} / {2} bad")
    @CsvSource(delimiter = '|', textBlock = """
            13800138000,13900139000                | 13800138000 13900139000 | 0
            13800138000;0790-6221234               | 13800138000 0790-6221234 | 0
            13800138000/13900139000                | 13800138000 13900139000 | 0
            13800138000、13900139000               | 13800138000 13900139000 | 0
            13800138000，13900139000               | 13800138000 13900139000 | 0
            13800138000；13900139000               | 13800138000 13900139000 | 0
            13800138000或13900139000               | 13800138000 13900139000 | 0
            13800138000 13900139000                | 13800138000 13900139000 | 0
            '13800138000  0790-6221234 '           | 13800138000 0790-6221234 | 0
            138 0013 8000, 0790 6221234            | 13800138000 0790-6221234 | 0
            13800138000,13800138000                | 13800138000              | 0
            +86 138 0013 8000 / 138-0013-8000      | 13800138000              | 0
            13800138000,12345                      | 13800138000              | 1
            无,13800138000,不详                     | 13800138000              | 2
            12345                                  | ''                       | 1
            本人13800138000，父亲13900139000          | 13800138000 13900139000 | 0
            13800138000,,                          | 13800138000              | 0
            """)
    void keepsTheGoodPhonesOfAMultiPhoneField(String stated, String expected, int malformed) {
        Phones.Parsed parsed = Phones.parseAll(stated);
        List<String> phones = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
        assertThat(parsed.phones()).isEqualTo(phones);
        assertThat(parsed.malformed()).isEqualTo(malformed);
        assertThat(parsed.allGood()).isEqualTo(malformed == 0);
    }

    @Test
    void refusesADefaultAreaCodeThatIsNone() {
        assertThatThrownBy(() -> Phones.parseAll("6221234", "12")).isInstanceOf(IllegalArgumentException.class);
    }
}

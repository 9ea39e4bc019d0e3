package org.onegrid.resolve.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.testing.SourcePersonBuilder.aPerson;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.onegrid.schema.SourcePerson;

class BlockingKeysTest {

    private static final String ID = "360102198503021011";

    @Test
    void keysAreSmallAndPrefixedByKind() {
        SourcePerson person = aPerson().named("陈晓明", "chen xiao ming").male().born("1985-03-02").withId(ID)
                .withPhone("13912345678").livingAt("长青社区", "阳光花园", "3", "2", "401").build();

        Set<String> keys = BlockingKeys.of(person);

        assertThat(keys).contains("id:" + ID, "ph:13912345678", "nb:chenxiaoming|1985-03-02",
                "sd:chen|1985-03-02", "sb:chen|阳光花园|3", "ba:1985-03-02|M|阳光花园|3");
        assertThat(keys).hasSizeLessThanOrEqualTo(12).allMatch(k -> k.matches("[a-z0-9]+:.+"));
    }

    @Test
    void homophoneNamesBornTheSameDayShareAKey() {
        assertThat(shared(aPerson().named("陈晓明", "chen xiao ming").born("1985-03-02").build(),
                aPerson().named("陈小明", "chen xiao ming").born("1985-03-02").build()))
                .contains("nb:chenxiaoming|1985-03-02");
    }

    @Test
    void anIdNumberOneSubstitutionOrTranspositionAwaySharesAKeyWhereverTheErrorIs() {
        SourcePerson valid = aPerson().withId(ID).build();
        for (int i = 0; i < ID.length(); i++) {
            char[] substituted = ID.toCharArray();
            substituted[i] = substituted[i] == '9' ? '8' : '9';
            assertThat(shared(valid, aPerson().withBadId(new String(substituted)).build()))
                    .as("substitution at %d", i).isNotEmpty();
            if (i + 1 < ID.length()) {
                char[] swapped = ID.toCharArray();
                swapped[i] = ID.charAt(i + 1);
                swapped[i + 1] = ID.charAt(i);
                assertThat(shared(valid, aPerson().withBadId(new String(swapped)).build()))
                        .as("transposition at %d", i).isNotEmpty();
            }
        }
    }

    @Test
    void sharedPhoneIsAKeyWhateverElseDiffers() {
        assertThat(shared(aPerson().named("陈晓明", "chen xiao ming").withPhone("13912345678").build(),
                aPerson().named("李四", "li si").withPhone("13912345678").build()))
                .containsExactly("ph:13912345678");
    }

    @Test
    void latinNamesGetSoundexKeysWithBirthDateAndPostcode() {
        SourcePerson person = aPerson().namedLatin("jack fitzpatrick").born("1904-11-21")
                .withAddress(org.onegrid.schema.Address.newBuilder().setRaw("x")
                        .setNormalized("12 stanley street miami 2221 nsw").build())
                .withAttribute("soc_sec_id", "9595043").build();

        assertThat(BlockingKeys.of(person)).contains("sd:F321|1904-11-21", "sd:J200|1904-11-21",
                "sx:F321|2221", "ox:soc_sec_id=9595043");
    }

    @Test
    void aRecordWithNothingIdentifyingHasNoKeys() {
        assertThat(BlockingKeys.of(aPerson().build())).isEmpty();
    }

    private static Set<String> shared(SourcePerson a, SourcePerson b) {
        Set<String> keys = new HashSet<>(BlockingKeys.of(a));
        keys.retainAll(BlockingKeys.of(b));
        return keys;
    }
}

package org.onegrid.resolve.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.testing.SourcePersonBuilder.aPerson;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.onegrid.schema.SourcePerson;

class SweepKeysTest {

    private static final String ID = "360102198503021011";

    @Test
    void noKeyContainsTheBirthDate() {
        SourcePerson person = aPerson().named("陈晓明", "chen xiao ming").male().born("1985-03-02").withId(ID)
                .withPhone("13912345678").livingAt("长青社区", "阳光花园", "3", "2", "401")
                .withAttribute("soc_sec_id", "5550123").build();

        Set<String> keys = SweepKeys.of(person);

        assertThat(keys).contains("ph:13912345678", "sb:chen|阳光花园|3", "ox:soc_sec_id=5550123")
                .noneMatch(k -> k.contains("1985") || k.contains("19850302"));
        assertThat(BlockingKeys.of(person)).containsAll(keys);
    }

    @Test
    void aRecordWithItsBirthDateTypedWrongStillSharesAKeyWithItsPerson() {
        SourcePerson right = aPerson().named("张伟", "zhang wei").born("1970-05-06").withPhone("13700001111").build();
        SourcePerson mistyped = aPerson().named("张伟", "zhang wei").born("1970-06-05").withPhone("13700001111").build();
        SourcePerson undated = aPerson().named("张伟", "zhang wei").withPhone("13700001111").build();

        assertThat(shared(right, mistyped)).containsExactly("ph:13700001111");
        assertThat(shared(right, undated)).containsExactly("ph:13700001111");
    }

    @Test
    void anIdNumberWithItsBirthDatePartTypedWrongSharesTheRestOfTheNumber() {
        SourcePerson valid = aPerson().named("陈晓明", "chen xiao ming").withId(ID).build();
        SourcePerson mistyped = aPerson().named("陈晓明", "chen xiao ming").withBadId("360102198506021011").build();

        assertThat(shared(valid, mistyped)).containsExactly("idw2:3601021011");
    }

    private static Set<String> shared(SourcePerson a, SourcePerson b) {
        Set<String> keys = new HashSet<>(SweepKeys.of(a));
        keys.retainAll(SweepKeys.of(b));
        return keys;
    }
}

package org.onegrid.resolve.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.testing.SourcePersonBuilder.aPerson;

import org.junit.jupiter.api.Test;

class ShardKeyTest {

    @Test
    void shardsByTheBirthDateInAValidIdNumberOverTheStatedOne() {
        assertThat(ShardKey.of(aPerson().withId("360102198503021011").born("1985-03-12").build()))
                .isEqualTo("1985-03-02");
    }

    @Test
    void shardsByTheStatedBirthDateWhenTheIdNumberIsInvalid() {
        assertThat(ShardKey.of(aPerson().withBadId("360102198503020111").born("1985-03-02").build()))
                .isEqualTo("1985-03-02");
    }

    @Test
    void putsRecordsWithoutAnyBirthDateInTheUnknownShard() {
        assertThat(ShardKey.of(aPerson().named("陈晓明", "chen xiao ming").build())).isEqualTo(ShardKey.UNKNOWN);
    }
}

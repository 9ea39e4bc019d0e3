package org.onegrid.resolve.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.testing.SourcePersonBuilder.aPerson;

import org.junit.jupiter.api.Test;
import org.onegrid.schema.Comparison;
import org.onegrid.schema.MatchRule;
import org.onegrid.schema.SourcePerson;
import org.onegrid.testing.SourcePersonBuilder;

/** The matcher on Chinese register cases, with the default configuration. */
class ScoringMatcherTest {

    private static final String ID = "360102198503021011";
    /** Same region, same birth date, next sequence number: a twin brother. */
    private static final String TWIN_ID = "360102198503021038";
    /** {@link #ID} with the two sequence digits "10" typed as "01": the check character catches it. */
    private static final String ID_TRANSPOSED = "360102198503020111";

    private final Matcher matcher = new ScoringMatcher();

    private static SourcePersonBuilder chenXiaoming() {
        return aPerson().named("陈晓明", "chen xiao ming").male().born("1985-03-02");
    }

    @Test
    void matchesTwoRecordsWithTheSameValidIdNumberByRule() {
        SourcePerson police = chenXiaoming().withId(ID).build();
        SourcePerson health = aPerson().named("陈小明", "chen xiao ming").withId(ID).withPhone("13900000000").build();

        MatchVerdict verdict = matcher.compare(police, health);

        assertThat(verdict.decision()).isEqualTo(Decision.MATCH);
        assertThat(verdict.rule()).isEqualTo(MatchRule.SAME_ID);
        assertThat(verdict.evidence().get(0).getField()).isEqualTo("idNumber");
    }

    @Test
    void neverMergesTwinsWithDifferentValidIdNumbersThoughNameDateAndAddressAgree() {
        SourcePerson twin = chenXiaoming().withId(ID).withPhone("13912345678")
                .livingAt("长青社区", "阳光花园", "3", "2", "401").build();
        SourcePerson brother = chenXiaoming().withId(TWIN_ID).withPhone("13912345678")
                .livingAt("长青社区", "阳光花园", "3", "2", "401").build();

        MatchVerdict verdict = matcher.compare(twin, brother);

        assertThat(verdict.decision()).isEqualTo(Decision.NEVER);
        assertThat(verdict.evidence().get(0).getMethod()).isEqualTo("exact");
        assertThat(verdict.evidence().get(0).getWeight()).isNegative();
    }

    @Test
    void matchesHomophoneNameWithSamePhoneAndBirthDateWithoutIdNumbers() {
        SourcePerson civilAffairs = chenXiaoming().withPhone("13912345678").build();
        SourcePerson health = aPerson().named("陈小明", "chen xiao ming").born("1985-03-02")
                .withPhone("13912345678").build();

        MatchVerdict verdict = matcher.compare(civilAffairs, health);

        assertThat(verdict.decision()).isEqualTo(Decision.MATCH);
        assertThat(verdict.rule()).isEqualTo(MatchRule.SCORE);
        assertThat(evidence(verdict, "name").getMethod()).isEqualTo("pinyin");
    }

    @Test
    void matchesIdNumberWithTransposedDigitsAgainstTheValidOneWhenNamesAgree() {
        SourcePerson valid = aPerson().named("陈晓明", "chen xiao ming").withId(ID).build();
        SourcePerson mistyped = aPerson().named("陈晓明", "chen xiao ming").withBadId(ID_TRANSPOSED).build();

        MatchVerdict verdict = matcher.compare(valid, mistyped);

        assertThat(verdict.decision()).isEqualTo(Decision.MATCH);
        assertThat(evidence(verdict, "idNumber").getMethod()).isEqualTo("one-edit");
    }

    @Test
    void doesNotMergeNamesakesBornTheSameDayWithDifferentAddressAndPhone() {
        SourcePerson one = chenXiaoming().withPhone("13912345678")
                .livingAt("长青社区", "阳光花园", "3", "2", "401").build();
        SourcePerson other = chenXiaoming().withPhone("13687654321")
                .livingAt("东湖社区", "湖滨小区", "12", "1", "302").build();

        MatchVerdict verdict = matcher.compare(one, other);

        assertThat(verdict.decision()).isNotEqualTo(Decision.MATCH);
    }

    @Test
    void doesNotMergeTwinsWithoutIdNumbersWhoseGivenNamesDifferByOneCharacter() {
        SourcePerson xiaoming = chenXiaoming().livingAt("长青社区", "阳光花园", "3", "2", "401").build();
        SourcePerson xiaohong = aPerson().named("陈晓红", "chen xiao hong").male().born("1985-03-02")
                .livingAt("长青社区", "阳光花园", "3", "2", "401").build();

        MatchVerdict verdict = matcher.compare(xiaoming, xiaohong);

        assertThat(verdict.decision()).isNotEqualTo(Decision.MATCH);
        assertThat(evidence(verdict, "name").getWeight()).isNegative();
    }

    @Test
    void sendsTwinsSharingAParentsPhoneAndAddressToReviewWhenOneHasNoIdNumber() {
        // As the generated city had it: a health record without an ID, the twin brother's record with his valid ID.
        SourcePerson chenwei = aPerson().named("韩晨伟", "han chen wei").male().born("2016-06-17").withPhone("15024853735")
                .livingAt("长林社区", "金色花园", "10", "3", "601").build();
        SourcePerson chenjun = aPerson().named("韩晨俊", "han chen jun").male().born("2016-06-17").withPhone("15024853735")
                .withId("360521201606170357").livingAt("长林社区", "金色花园", "10", "3", "601").build();

        MatchVerdict verdict = matcher.compare(chenwei, chenjun);

        assertThat(verdict.score()).as("household evidence alone reaches the match threshold")
                .isGreaterThanOrEqualTo(MatchConfig.defaults().matchThreshold());
        assertThat(verdict.decision()).isEqualTo(Decision.REVIEW);
    }

    @Test
    void matchesSameNameBirthDateAndAddressWithoutIdNumbers() {
        SourcePerson one = chenXiaoming().livingAt("长青社区", "阳光花园", "3", "2", "401").build();
        SourcePerson other = chenXiaoming().livingAt("长青社区", "阳光花园", "3", "2", "401").build();

        assertThat(matcher.compare(one, other).decision()).isEqualTo(Decision.MATCH);
    }

    @Test
    void sendsSameNameAndBirthDateWithNothingElseAgreeingToReviewWhenGenderDisagrees() {
        SourcePerson one = chenXiaoming().build();
        SourcePerson other = aPerson().named("陈晓明", "chen xiao ming").female().born("1985-03-02")
                .withPhone("13687654321").build();

        assertThat(matcher.compare(one, other).decision()).isEqualTo(Decision.REVIEW);
    }

    @Test
    void creditsADayMonthSwapInTheBirthDate() {
        SourcePerson one = chenXiaoming().withPhone("13912345678").build();
        SourcePerson other = aPerson().named("陈晓明", "chen xiao ming").male().born("1985-02-03")
                .withPhone("13912345678").build();

        MatchVerdict verdict = matcher.compare(one, other);

        assertThat(evidence(verdict, "birthDate").getMethod()).isEqualTo("day-month-swap");
        assertThat(verdict.decision()).isEqualTo(Decision.MATCH);
    }

    @Test
    void creditsSurnameAndGivenNameSwapped() {
        SourcePerson one = aPerson().namedLatin("Ahmat Tursun").born("1990-07-01").build();
        SourcePerson other = aPerson().namedLatin("Tursun Ahmat").born("1990-07-01").build();

        assertThat(evidence(matcher.compare(one, other), "name").getMethod()).isEqualTo("swapped");
    }

    @Test
    void takesTheBirthDateFromAValidIdNumberWhenNoneIsStated() {
        SourcePerson withId = aPerson().named("陈晓明", "chen xiao ming").withBadId("360102198503021012").build();
        SourcePerson stated = chenXiaoming().build();

        assertThat(evidence(matcher.compare(aPerson().withId(ID).build(), stated), "birthDate").getMethod())
                .isEqualTo("exact");
        assertThat(evidence(matcher.compare(withId, stated), "birthDate").getMethod()).isEqualTo("missing");
    }

    @Test
    void reportsEveryFieldInAFixedOrderAndScoresTheirSum() {
        MatchVerdict verdict = matcher.compare(chenXiaoming().withAttribute("soc_sec_id", "A123").build(),
                chenXiaoming().withAttribute("SOC_SEC_ID", "A123").build());

        assertThat(verdict.evidence()).extracting(Comparison::getField).containsExactly(
                "idNumber", "name", "gender", "birthDate", "phones", "address", "attribute:soc_sec_id");
        assertThat(verdict.score()).isEqualTo(verdict.evidence().stream().mapToDouble(Comparison::getWeight).sum());
    }

    @Test
    void countsASharedSocialSecurityNumberAndPenalizesADifferentOne() {
        SourcePerson one = aPerson().namedLatin("michaela neumann").withAttribute("soc_sec_id", "5304218").build();
        SourcePerson same = aPerson().namedLatin("michaela neumann").withAttribute("soc_sec_id", "5304218").build();
        SourcePerson typo = aPerson().namedLatin("michaela neumann").withAttribute("soc_sec_id", "5304281").build();
        SourcePerson other = aPerson().namedLatin("michaela neumann").withAttribute("soc_sec_id", "9239102").build();

        assertThat(evidence(matcher.compare(one, same), "attribute:soc_sec_id").getWeight()).isPositive();
        assertThat(evidence(matcher.compare(one, typo), "attribute:soc_sec_id").getMethod()).isEqualTo("one-edit");
        assertThat(evidence(matcher.compare(one, other), "attribute:soc_sec_id").getWeight()).isNegative();
    }

    @Test
    void isSymmetric() {
        SourcePerson a = chenXiaoming().withPhone("13912345678").livingAt("长青社区", "阳光花园", "3", "2", "401").build();
        SourcePerson b = aPerson().named("陈小明", "chen xiao ming").born("1985-03-12")
                .livingAt("长青社区", "阳光花园", "3", "1", "101").build();

        assertThat(matcher.compare(a, b).score()).isEqualTo(matcher.compare(b, a).score());
    }

    private static Comparison evidence(MatchVerdict verdict, String field) {
        return verdict.evidence().stream().filter(c -> c.getField().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + field + " comparison in " + verdict.evidence()));
    }
}

package org.onegrid.resolve.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatchConfigTest {

    private static final MatchConfig DEFAULTS = MatchConfig.defaults();

    @Test
    void defaultsHaveNoProblems() {
        assertThat(DEFAULTS.problems()).isEmpty();
    }

    @Test
    void refusesAMatchThresholdNoScoreCanReach() {
        MatchConfig config = withThresholds(DEFAULTS.highestScore() + 1, 5);

        assertThat(config.problems()).singleElement().asString()
                .startsWith("matchThreshold: ")
                .contains("so no match will ever be made");
    }

    @Test
    void refusesAReviewThresholdAboveTheMatchThreshold() {
        assertThat(withThresholds(12, 14).problems()).singleElement().asString()
                .startsWith("reviewThreshold: 14.00 is above matchThreshold 12.00");
    }

    @Test
    void refusesThresholdsThatMergeOrReviewRecordsWithNothingInCommon() {
        assertThat(withThresholds(-1, -2).problems())
                .anyMatch(p -> p.startsWith("matchThreshold: is -1.00, so two records with nothing in common"))
                .anyMatch(p -> p.startsWith("reviewThreshold: is -2.00"));
    }

    @Test
    void refusesAnAgreementThatCountsAgainstAMatchAndADisagreementThatCountsForOne() {
        MatchConfig config = new MatchConfig(12, 5, DEFAULTS.idNumber(), DEFAULTS.name(),
                new MatchConfig.Agreement(-1, 2), DEFAULTS.birthDate(), DEFAULTS.phones(), DEFAULTS.address(),
                DEFAULTS.identifiers());

        assertThat(config.problems()).containsExactly(
                "gender.agree: is -1.00, so an agreement would count against a match"
                        + " (give a weight of 0 or more: log2(m/u) with m > u)",
                "gender.disagree: is 2.00, so a disagreement would count for a match"
                        + " (give a weight of 0 or less: log2((1-m)/(1-u)) with m > u)");
    }

    @Test
    void refusesAPartialAgreementWorthMoreThanAFullOne() {
        MatchConfig.NameWeights n = DEFAULTS.name();
        MatchConfig config = new MatchConfig(12, 5, DEFAULTS.idNumber(),
                new MatchConfig.NameWeights(n.exact(), n.exact() + 1, n.swapped(), n.typo(), n.partial(),
                        n.disagree(), 1.5, n.typoFull()),
                DEFAULTS.gender(), DEFAULTS.birthDate(), DEFAULTS.phones(), DEFAULTS.address(), DEFAULTS.identifiers());

        assertThat(config.problems())
                .anyMatch(p -> p.startsWith("name.homophone: 8.00 is above name.exact 7.00"))
                .anyMatch(p -> p.startsWith("name.typoFloor: is 1.50, not a similarity strictly between 0 and 1"));
    }

    @Test
    void everyProblemNamesItsKeyAndAFix() {
        MatchConfig config = new MatchConfig(Double.NaN, 100, DEFAULTS.idNumber(), DEFAULTS.name(),
                new MatchConfig.Agreement(-1, 2), DEFAULTS.birthDate(), DEFAULTS.phones(), DEFAULTS.address(),
                new MatchConfig.IdentifierWeights(List.of(" "), 10, 5, -4));

        assertThat(config.problems()).hasSizeGreaterThanOrEqualTo(4)
                .allMatch(p -> p.matches("[a-zA-Z.]+: .+\\(.+\\)"), "key: message (fix)");
    }

    @Test
    void theMatcherRefusesAConfigurationWithProblemsListingThemAll() {
        assertThatThrownBy(() -> new ScoringMatcher(withThresholds(-1, 14)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matchThreshold:")
                .hasMessageContaining("reviewThreshold:");
    }

    private static MatchConfig withThresholds(double match, double review) {
        return new MatchConfig(match, review, DEFAULTS.idNumber(), DEFAULTS.name(), DEFAULTS.gender(),
                DEFAULTS.birthDate(), DEFAULTS.phones(), DEFAULTS.address(), DEFAULTS.identifiers());
    }
}

package org.onegrid.resolve.match;

import java.util.List;
import org.onegrid.schema.Comparison;
import org.onegrid.schema.MatchRule;

/**
 * The matcher's answer for one pair of source records, with everything needed to explain it.
 *
 * @param decision what to do with the pair
 * @param rule the rule that decided it (SAME_ID, SCORE...)
 * @param score the weighted score; meaningful for rule SCORE, otherwise the score computed anyway
 * @param evidence one comparison per field looked at, in the order they were made
 */
public record MatchVerdict(Decision decision, MatchRule rule, double score, List<Comparison> evidence) {

    public MatchVerdict {
        evidence = List.copyOf(evidence);
    }
}

package org.onegrid.resolve.cluster;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.onegrid.resolve.match.Decision;
import org.onegrid.resolve.match.MatchVerdict;
import org.onegrid.resolve.match.Matcher;
import org.onegrid.schema.Comparison;
import org.onegrid.schema.MatchRule;
import org.onegrid.schema.SourcePerson;

/**
 * A matcher small enough to reason about in tests: equal ID numbers match, different ones never do;
 * without two IDs, equal name and birth date match (0.9), equal pinyin key and birth date is a
 * possible match (0.6). Blocking by ID, by name and birth date, by pinyin and birth date.
 */
final class SimpleMatcher implements Matcher {

    int comparisons;

    @Override
    public MatchVerdict compare(SourcePerson a, SourcePerson b) {
        comparisons++;
        if (a.getIdNumber() != null && b.getIdNumber() != null) {
            boolean same = a.getIdNumber().equals(b.getIdNumber());
            return new MatchVerdict(same ? Decision.MATCH : Decision.NEVER, MatchRule.SAME_ID, same ? 1.0 : 0.0,
                    List.of(new Comparison("idNumber", "exact", same ? 1.0 : 0.0, same ? 1.0 : -1.0)));
        }
        boolean sameBirth = a.getBirthDate() != null && a.getBirthDate().equals(b.getBirthDate());
        if (sameBirth && a.getName() != null && a.getName().equals(b.getName())) {
            return new MatchVerdict(Decision.MATCH, MatchRule.SCORE, 0.9,
                    List.of(new Comparison("name", "exact", 1.0, 0.6), new Comparison("birthDate", "exact", 1.0, 0.3)));
        }
        if (sameBirth && a.getNamePinyin() != null && a.getNamePinyin().equals(b.getNamePinyin())) {
            return new MatchVerdict(Decision.REVIEW, MatchRule.SCORE, 0.6,
                    List.of(new Comparison("name", "pinyin", 1.0, 0.3), new Comparison("birthDate", "exact", 1.0, 0.3)));
        }
        return new MatchVerdict(Decision.NON_MATCH, MatchRule.SCORE, 0.0, List.of());
    }

    static Set<String> blockingKeys(SourcePerson r) {
        Set<String> keys = new LinkedHashSet<>();
        if (r.getIdNumber() != null) {
            keys.add("id:" + r.getIdNumber());
        }
        if (r.getName() != null) {
            keys.add("nb:" + r.getName() + "|" + Objects.toString(r.getBirthDate()));
        }
        if (r.getNamePinyin() != null) {
            keys.add("pb:" + r.getNamePinyin() + "|" + Objects.toString(r.getBirthDate()));
        }
        return keys;
    }
}

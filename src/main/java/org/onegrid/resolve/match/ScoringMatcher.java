package org.onegrid.resolve.match;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.onegrid.schema.Address;
import org.onegrid.schema.Comparison;
import org.onegrid.schema.Gender;
import org.onegrid.schema.MatchRule;
import org.onegrid.schema.SourcePerson;

/**
 * The matcher: two ID-number rules, then a Fellegi–Sunter style score.
 *
 * <ol>
 *   <li>Both records carry a valid (or lifted) ID number: equal → MATCH by rule SAME_ID; different →
 *       NEVER (twins share surname, birth date and address, so nothing else may overrule two
 *       different valid numbers).</li>
 *   <li>Otherwise the weights of {@link MatchConfig} for every field compared are summed: at or above
 *       the match threshold → MATCH (rule SCORE), at or above the review threshold → REVIEW, else
 *       NON_MATCH. A MATCH whose names disagree and whose identifiers do not agree is only REVIEW: the
 *       score then rests on what a household shares (birth date of twins, address, a parent's phone).</li>
 * </ol>
 *
 * Every comparison made, including a field missing on one side (weight 0), is in the evidence, in
 * a fixed order: idNumber, name, gender, birthDate, phones, address, then identifier attributes.
 * It must never look anything up or remember anything: the same pair always gets the same verdict.
 */
public final class ScoringMatcher implements Matcher {

    /** How close two name words must be for one to count as the other with a typo (partial names). */
    private static final double SAME_WORD = 0.92;

    private final MatchConfig config;

    /** A matcher with {@link MatchConfig#defaults()}. */
    public ScoringMatcher() {
        this(MatchConfig.defaults());
    }

    /**
     * @throws IllegalArgumentException listing every problem, when {@link MatchConfig#problems()} finds any
     */
    public ScoringMatcher(MatchConfig config) {
        List<String> problems = Objects.requireNonNull(config, "config").problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid match configuration:\n  " + String.join("\n  ", problems));
        }
        this.config = config;
    }

    public MatchConfig config() {
        return config;
    }

    @Override
    public MatchVerdict compare(SourcePerson a, SourcePerson b) {
        List<Comparison> evidence = new ArrayList<>(8);
        Decision byRule = compareIdNumbers(a, b, evidence);
        compareName(a, b, evidence);
        compareGender(a, b, evidence);
        compareBirthDate(a, b, evidence);
        comparePhones(a, b, evidence);
        compareAddress(a, b, evidence);
        compareIdentifiers(a, b, evidence);

        double score = 0;
        for (Comparison comparison : evidence) {
            score += comparison.getWeight();
        }
        if (byRule == Decision.MATCH) {
            return new MatchVerdict(Decision.MATCH, MatchRule.SAME_ID, score, evidence);
        }
        if (byRule == Decision.NEVER) {
            // The schema's MatchRule has no "different ID" symbol; NEW_PERSON is what such a pair
            // leads to, and the idNumber comparison in the evidence says why.
            return new MatchVerdict(Decision.NEVER, MatchRule.NEW_PERSON, score, evidence);
        }
        Decision decision = score >= config.matchThreshold() ? Decision.MATCH
                : score >= config.reviewThreshold() ? Decision.REVIEW
                : Decision.NON_MATCH;
        if (decision == Decision.MATCH && householdOnly(evidence)) {
            decision = Decision.REVIEW;
        }
        return new MatchVerdict(decision, MatchRule.SCORE, score, evidence);
    }

    /**
     * Whether the score rests on what a household shares rather than on who the person is: the names disagree and
     * no identifier agrees. Twins and siblings share birth date, address and a parent's phone, and a record without
     * an ID number has nothing else to tell them apart, so such a pair is for a reviewer, never merged unseen.
     */
    private static boolean householdOnly(List<Comparison> evidence) {
        boolean namesDisagree = false;
        boolean identifierAgrees = false;
        for (Comparison comparison : evidence) {
            String field = comparison.getField();
            if (field.equals("name")) {
                namesDisagree = comparison.getWeight() < 0;
            } else if ((field.equals("idNumber") || field.startsWith("attribute:")) && comparison.getWeight() > 0) {
                identifierAgrees = true;
            }
        }
        return namesDisagree && !identifierAgrees;
    }

    /** Adds the ID-number comparison; returns MATCH or NEVER when a rule decides, else null. */
    private Decision compareIdNumbers(SourcePerson a, SourcePerson b, List<Comparison> evidence) {
        MatchConfig.IdWeights w = config.idNumber();
        String validA = a.getIdNumber();
        String validB = b.getIdNumber();
        if (validA != null && validB != null) {
            boolean same = validA.equals(validB);
            evidence.add(comparison("idNumber", "exact", same ? 1 : 0, same ? w.same() : w.different()));
            return same ? Decision.MATCH : Decision.NEVER;
        }
        String idA = PersonFacts.statedId(a);
        String idB = PersonFacts.statedId(b);
        if (idA == null || idB == null) {
            evidence.add(missing("idNumber"));
        } else if (idA.equals(idB)) {
            evidence.add(comparison("idNumber", "stated-equal", 1, w.statedEqual()));
        } else if (Similarity.oneEdit(idA, idB)) {
            evidence.add(comparison("idNumber", "one-edit", 1 - 1.0 / idA.length(), w.oneEdit()));
        } else {
            evidence.add(comparison("idNumber", "differ", 0, w.statedDifferent()));
        }
        return null;
    }

    private void compareName(SourcePerson a, SourcePerson b, List<Comparison> evidence) {
        MatchConfig.NameWeights w = config.name();
        String keyA = PersonFacts.nameKey(a);
        String keyB = PersonFacts.nameKey(b);
        if (a.getName() != null && a.getName().equals(b.getName())) {
            evidence.add(comparison("name", "exact", 1, w.exact()));
            return;
        }
        if (keyA == null || keyB == null) {
            evidence.add(missing("name"));
            return;
        }
        if (keyA.equals(keyB)) {
            evidence.add(comparison("name", "pinyin", 1, w.homophone()));
            return;
        }
        List<String> wordsA = Similarity.tokens(keyA);
        List<String> wordsB = Similarity.tokens(keyB);
        if (Similarity.sorted(wordsA).equals(Similarity.sorted(wordsB))) {
            evidence.add(comparison("name", "swapped", 1, w.swapped()));
            return;
        }
        if (Similarity.hasIdeographs(a.getName()) || Similarity.hasIdeographs(b.getName())) {
            evidence.add(compareSyllables(wordsA, wordsB, w));
            return;
        }
        double similarity = Math.max(Similarity.jaroWinkler(keyA, keyB),
                Similarity.jaroWinkler(String.join(" ", Similarity.sorted(wordsA)),
                        String.join(" ", Similarity.sorted(wordsB))));
        double weight;
        if (similarity >= w.typoFull()) {
            weight = w.typo();
        } else if (similarity >= w.typoFloor()) {
            weight = w.disagree() + (w.typo() - w.disagree()) * (similarity - w.typoFloor())
                    / (w.typoFull() - w.typoFloor());
        } else {
            weight = w.disagree();
        }
        if (wordsA.size() != wordsB.size() && w.partial() > weight && containedIn(wordsA, wordsB)) {
            evidence.add(comparison("name", "partial", similarity, w.partial()));
            return;
        }
        evidence.add(comparison("name", "jaro-winkler", similarity, weight));
    }

    /**
     * Chinese names, pinyin syllable by syllable: a typo only when every differing syllable is a
     * near sound (min/ming); 陈晓明 and 陈晓红, twins perhaps, disagree.
     */
    private static Comparison compareSyllables(List<String> a, List<String> b, MatchConfig.NameWeights w) {
        if (a.size() != b.size()) {
            return a.size() != 0 && b.size() != 0 && containedIn(a, b)
                    ? comparison("name", "partial", 0.5, w.partial())
                    : comparison("name", "pinyin-syllables", 0, w.disagree());
        }
        double sum = 0;
        double lowest = 1;
        for (int i = 0; i < a.size(); i++) {
            double similarity = Similarity.jaroWinkler(a.get(i), b.get(i));
            sum += similarity;
            lowest = Math.min(lowest, similarity);
        }
        double similarity = sum / a.size();
        return comparison("name", "pinyin-syllables", similarity, lowest >= w.typoFull() ? w.typo() : w.disagree());
    }

    /** True when every word of the shorter list has a near-identical word in the longer one. */
    private static boolean containedIn(List<String> a, List<String> b) {
        List<String> shorter = a.size() < b.size() ? a : b;
        List<String> longer = a.size() < b.size() ? b : a;
        for (String word : shorter) {
            boolean found = false;
            for (String other : longer) {
                if (Similarity.jaroWinkler(word, other) >= SAME_WORD) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private void compareGender(SourcePerson a, SourcePerson b, List<Comparison> evidence) {
        Gender genderA = PersonFacts.gender(a);
        Gender genderB = PersonFacts.gender(b);
        if (genderA == Gender.UNKNOWN || genderB == Gender.UNKNOWN) {
            evidence.add(missing("gender"));
        } else if (genderA == genderB) {
            evidence.add(comparison("gender", "exact", 1, config.gender().agree()));
        } else {
            evidence.add(comparison("gender", "exact", 0, config.gender().disagree()));
        }
    }

    private void compareBirthDate(SourcePerson a, SourcePerson b, List<Comparison> evidence) {
        MatchConfig.DateWeights w = config.birthDate();
        LocalDate dateA = PersonFacts.birthDate(a);
        LocalDate dateB = PersonFacts.birthDate(b);
        if (dateA == null || dateB == null) {
            evidence.add(missing("birthDate"));
        } else if (dateA.equals(dateB)) {
            evidence.add(comparison("birthDate", "exact", 1, w.exact()));
        } else if (dateA.getYear() == dateB.getYear() && dateA.getMonthValue() == dateB.getDayOfMonth()
                && dateA.getDayOfMonth() == dateB.getMonthValue()) {
            evidence.add(comparison("birthDate", "day-month-swap", 0.75, w.dayMonthSwap()));
        } else if (Similarity.oneEdit(digits(dateA), digits(dateB))) {
            evidence.add(comparison("birthDate", "one-digit", 0.875, w.oneDigit()));
        } else {
            evidence.add(comparison("birthDate", "exact", 0, w.disagree()));
        }
    }

    private static String digits(LocalDate date) {
        return DateTimeFormatter.BASIC_ISO_DATE.format(date);
    }

    private void comparePhones(SourcePerson a, SourcePerson b, List<Comparison> evidence) {
        List<String> phonesA = a.getPhones();
        List<String> phonesB = b.getPhones();
        if (phonesA.isEmpty() || phonesB.isEmpty()) {
            evidence.add(missing("phones"));
            return;
        }
        Set<String> shared = new HashSet<>(phonesA);
        shared.retainAll(new HashSet<>(phonesB));
        boolean any = !shared.isEmpty();
        evidence.add(comparison("phones", "shared", any ? 1 : 0,
                any ? config.phones().agree() : config.phones().disagree()));
    }

    private void compareAddress(SourcePerson a, SourcePerson b, List<Comparison> evidence) {
        MatchConfig.AddressWeights w = config.address();
        Address addressA = a.getAddress();
        Address addressB = b.getAddress();
        if (addressA == null || addressB == null) {
            evidence.add(missing("address"));
            return;
        }
        String normalizedA = addressA.getNormalized();
        String normalizedB = addressB.getNormalized();
        if (!normalizedA.isBlank() && normalizedA.equals(normalizedB)) {
            evidence.add(comparison("address", "exact", 1, w.exact()));
            return;
        }
        Comparison best = comparison("address", "differ", 0, w.disagree());
        if (present(addressA.getEstate()) && present(addressA.getBuilding())
                && addressA.getEstate().equals(addressB.getEstate())
                && addressA.getBuilding().equals(addressB.getBuilding())) {
            best = better(best, comparison("address", "building", 0.75, w.building()));
        }
        if (!Similarity.hasIdeographs(normalizedA) && !Similarity.hasIdeographs(normalizedB)) {
            // Word by word, for addresses written as words. Not for Chinese ones: there a run of
            // characters one character apart is another building, so it earns no fuzzy credit.
            double similarity = Similarity.tokenOverlap(Similarity.tokens(normalizedA), Similarity.tokens(normalizedB));
            if (similarity >= w.similarFloor()) {
                double weight = w.similar() * (similarity - w.similarFloor()) / (1 - w.similarFloor());
                best = better(best, comparison("address", "words", similarity, weight));
            }
        }
        if (present(addressA.getCommunity()) && addressA.getCommunity().equals(addressB.getCommunity())) {
            best = better(best, comparison("address", "community", 0.5, w.community()));
        }
        evidence.add(best);
    }

    private static Comparison better(Comparison current, Comparison candidate) {
        return candidate.getWeight() > current.getWeight() ? candidate : current;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private void compareIdentifiers(SourcePerson a, SourcePerson b, List<Comparison> evidence) {
        MatchConfig.IdentifierWeights w = config.identifiers();
        for (String name : w.attributes()) {
            String valueA = PersonFacts.attribute(a, name);
            String valueB = PersonFacts.attribute(b, name);
            if (valueA == null || valueB == null) {
                continue;
            }
            String field = "attribute:" + name;
            if (valueA.equalsIgnoreCase(valueB)) {
                evidence.add(comparison(field, "exact", 1, w.agree()));
            } else if (Similarity.oneEdit(valueA, valueB)) {
                evidence.add(comparison(field, "one-edit", 1 - 1.0 / valueA.length(), w.oneEdit()));
            } else {
                evidence.add(comparison(field, "differ", 0, w.disagree()));
            }
        }
    }

    private static Comparison missing(String field) {
        return comparison(field, "missing", 0, 0);
    }

    private static Comparison comparison(String field, String method, double similarity, double weight) {
        return Comparison.newBuilder()
                .setField(field)
                .setMethod(method)
                .setSimilarity(similarity)
                .setWeight(weight)
                .build();
    }
}

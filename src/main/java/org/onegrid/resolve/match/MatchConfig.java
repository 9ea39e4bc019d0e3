package org.onegrid.resolve.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Weights and thresholds of the {@link ScoringMatcher}. Defaults live in {@link #defaults()};
 * a deployment overrides them from YAML. {@link #problems()} checks what the numbers mean, not
 * only their syntax, so that a configuration that can never match, or that matches everything,
 * is refused at start-up with every problem listed at once.
 *
 * <p>Each weight is a Fellegi–Sunter log-likelihood ratio in bits: {@code log2(m/u)} for an
 * agreement and {@code log2((1-m)/(1-u))} for a disagreement, where m is how often the outcome
 * is seen among true matches and u among the non-matching pairs that blocking proposes (they
 * already share a birth date, a phone or a name, so u is larger, and weights smaller, than among
 * random pairs). A missing value on either side weighs 0. The default m and u behind each number
 * are in the comments below and in {@code docs/matching.md}.
 *
 * @param matchThreshold a pair scoring at least this is the same person (MATCH)
 * @param reviewThreshold a pair scoring at least this, and below the match threshold, is shown to a person (REVIEW)
 * @param idNumber the citizen ID number comparisons
 * @param name the name comparisons
 * @param gender gender, when both are known
 * @param birthDate the birth date comparisons
 * @param phones whether any phone number is shared
 * @param address the address comparisons
 * @param identifiers other identifying numbers carried as attributes (a social-security number...)
 */
public record MatchConfig(
        double matchThreshold,
        double reviewThreshold,
        IdWeights idNumber,
        NameWeights name,
        Agreement gender,
        DateWeights birthDate,
        Agreement phones,
        AddressWeights address,
        IdentifierWeights identifiers) {

    /** The defaults: see each nested record's {@code defaults()} for the reasoning behind the numbers. */
    public static MatchConfig defaults() {
        return new MatchConfig(
                12.0,
                5.0,
                IdWeights.defaults(),
                NameWeights.defaults(),
                // m 0.98 (gender is rarely mistyped), u 0.5: agree log2(0.98/0.5) = +1.0,
                // disagree log2(0.02/0.5) = -4.6.
                new Agreement(1.0, -4.5),
                DateWeights.defaults(),
                // Both have phones: m 0.6 (people change numbers, departments hold different ones),
                // u 0.005 (family members register a parent's or the household's number):
                // agree log2(0.6/0.005) = +6.9; disagree log2(0.4/0.995) = -1.3.
                new Agreement(7.0, -1.5),
                AddressWeights.defaults(),
                IdentifierWeights.defaults());
    }

    /** An agreement weight (≥ 0) and a disagreement weight (≤ 0). */
    public record Agreement(double agree, double disagree) {
    }

    /**
     * Citizen ID number weights. The two rules (same valid ID: MATCH; different valid IDs: NEVER)
     * decide by themselves; their weights only make the score and the evidence readable.
     *
     * @param same two equal valid ID numbers (rule SAME_ID)
     * @param different two different valid ID numbers (rule: never the same person)
     * @param oneEdit a stated ID one substitution or one adjacent transposition away from the other's
     * @param statedEqual the same invalid ID number stated by both departments
     * @param statedDifferent stated ID numbers further apart than one edit, one of them invalid
     */
    public record IdWeights(double same, double different, double oneEdit, double statedEqual, double statedDifferent) {

        public static IdWeights defaults() {
            // oneEdit: m 0.9 (an invalid ID next to a valid one is nearly always a typo of it),
            // u 2^-13 (a near-identical number of someone else needs the same region, birth date
            // and a sequence one keystroke away): log2(0.9 * 8192) = +12.8, rounded to +12.
            // statedEqual: the same broken number copied from one source document: +12 too.
            // statedDifferent: m 0.05 (a wrong number typed far off), u ~1: log2(0.05) = -4.3.
            return new IdWeights(20.0, -20.0, 12.0, 12.0, -4.0);
        }
    }

    /**
     * Name weights. A Latin name's similarity is the Jaro–Winkler similarity of the lower-case
     * keys: from {@code typoFloor} to {@code typoFull} the weight rises linearly from
     * {@code disagree} to {@code typo}, and stays at {@code typo} above. A Chinese name is compared
     * syllable by syllable: one character for another is usually another person (siblings share
     * a generation character), so it earns {@code typo} only when every differing syllable is at
     * least {@code typoFull} alike (min/ming, zhang/zang: dialect mis-entry), and disagrees otherwise.
     *
     * @param exact the standardized names are equal
     * @param homophone different characters, same pinyin (晓/小, 丽/莉 entered by ear)
     * @param swapped the same words in another order (surname and given name swapped)
     * @param typo a name that is the other with a typo
     * @param partial one name is the other with words missing (a given name left out)
     * @param disagree names that are not alike
     * @param typoFloor the similarity below which names disagree, between 0 and 1
     * @param typoFull the similarity from which a name counts as a typo of the other, between typoFloor and 1
     */
    public record NameWeights(double exact, double homophone, double swapped, double typo, double partial,
                              double disagree, double typoFloor, double typoFull) {

        public static NameWeights defaults() {
            // exact: m 0.85, u 0.005 (namesakes among candidate pairs; 王伟 is common): log2(170) = +7.4.
            // homophone: m 0.08 of matches are entered by ear, u ~0.002 (a different person whose name
            // sounds the same): log2(40) = +5.3, rounded to +6 because registers hold few such namesakes.
            // swapped: m 0.02, u 0.0005: +5.3. typo: m 0.1, u 0.004: +4.6.
            // partial: m 0.03, u 0.006 (shares a surname or given name with a relative): +2.3.
            // disagree: m 0.03 (renamed, badly garbled), u 0.98: log2(0.03/0.98) = -5.0.
            return new NameWeights(7.0, 6.0, 5.0, 5.0, 2.0, -5.0, 0.80, 0.94);
        }
    }

    /**
     * Birth date weights.
     *
     * @param exact the dates are equal
     * @param dayMonthSwap same year, day and month swapped (1985-03-02 against 1985-02-03)
     * @param oneDigit the yyyyMMdd digits differ in one place, or by two adjacent digits swapped
     * @param disagree any other difference
     */
    public record DateWeights(double exact, double dayMonthSwap, double oneDigit, double disagree) {

        public static DateWeights defaults() {
            // exact: m 0.92, u 0.007 (candidate pairs found by phone or name and address are rarely
            // born the same day; pairs found by birth-date keys pay for it with the other fields):
            // log2(130) = +7.0. dayMonthSwap: m 0.01, u 0.0006: +4. oneDigit: m 0.04, u 0.004: +3.3.
            // disagree: m 0.03, u 0.98: -5.0.
            return new DateWeights(7.0, 4.0, 3.0, -5.0);
        }
    }

    /**
     * Address weights. The structured parts (estate, building, community) are compared first;
     * addresses written as words (Latin data) also get a fuzzy word-by-word comparison, whose
     * weight rises linearly from 0 at {@code similarFloor} to {@code similar} at 1.
     *
     * @param exact the normalized addresses are equal
     * @param building same estate and building
     * @param similar the weight of a near-perfect word-by-word similarity
     * @param community same community only
     * @param disagree different addresses
     * @param similarFloor the word-by-word similarity below which it earns nothing, between 0 and 1
     */
    public record AddressWeights(double exact, double building, double similar, double community, double disagree,
                                 double similarFloor) {

        public static AddressWeights defaults() {
            // exact: m 0.55 (people move; departments record old addresses), u 0.02 (household members,
            // neighbours found by the same blocking key): log2(27) = +4.8.
            // building: m 0.15, u 0.02: +2.9. similar (a typo in the address): m 0.2, u 0.01: +4.3.
            // community: m 0.1, u 0.05: +1. disagree: m 0.25, u 0.9: -1.8.
            return new AddressWeights(5.0, 3.0, 4.0, 1.0, -2.0, 0.85);
        }
    }

    /**
     * Other identifying numbers held as attributes (a social-security or medical-insurance
     * number). Compared only when both records carry an attribute of the same listed name.
     *
     * @param attributes attribute names treated as identifiers, compared case-insensitively
     * @param agree equal values
     * @param oneEdit values one substitution or adjacent transposition apart
     * @param disagree other different values
     */
    public record IdentifierWeights(List<String> attributes, double agree, double oneEdit, double disagree) {

        public IdentifierWeights {
            attributes = attributes == null ? List.of() : List.copyOf(attributes);
        }

        public static IdentifierWeights defaults() {
            // agree: m 0.9, u 0.0001 (a number issued to one person): log2(9000) = +13, capped at +10
            // because the number is typed by hand in many departments. oneEdit: m 0.05, u 0.001: +5.6.
            // disagree: m 0.05 (a typo of more than one edit, a reissued card), u ~1: -4.3.
            return new IdentifierWeights(
                    List.of("soc_sec_id", "social_security_id", "social_security_number", "ssn",
                            "shebao_id", "medical_insurance_id"),
                    10.0, 5.0, -4.0);
        }
    }

    /**
     * Every problem with this configuration, each as {@code key: message (fix)}; empty when it can
     * be used. Checks meaning: agreements that count against a match, thresholds in the wrong
     * order, and a match threshold no pair can ever reach.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (idNumber == null || name == null || gender == null || birthDate == null || phones == null
                || address == null || identifiers == null) {
            problems.add("match: a weight group is missing (give idNumber, name, gender, birthDate, phones, "
                    + "address and identifiers, or leave them all to the defaults)");
            return problems;
        }
        finite(problems, "matchThreshold", matchThreshold);
        finite(problems, "reviewThreshold", reviewThreshold);
        if (matchThreshold <= 0) {
            problems.add("matchThreshold: is " + fmt(matchThreshold) + ", so two records with nothing in common"
                    + " (score 0) would be merged (set it above 0; the default is " + fmt(defaults().matchThreshold) + ")");
        }
        if (reviewThreshold <= 0) {
            problems.add("reviewThreshold: is " + fmt(reviewThreshold) + ", so every pair with nothing in common"
                    + " would be sent to review (set it above 0; the default is " + fmt(defaults().reviewThreshold) + ")");
        }
        if (reviewThreshold > matchThreshold) {
            problems.add("reviewThreshold: " + fmt(reviewThreshold) + " is above matchThreshold " + fmt(matchThreshold)
                    + ", so no pair would ever be sent to review (set it at or below matchThreshold)");
        }

        positive(problems, "idNumber.same", idNumber.same);
        negative(problems, "idNumber.different", idNumber.different);
        positive(problems, "idNumber.oneEdit", idNumber.oneEdit);
        positive(problems, "idNumber.statedEqual", idNumber.statedEqual);
        negative(problems, "idNumber.statedDifferent", idNumber.statedDifferent);

        positive(problems, "name.exact", name.exact);
        positive(problems, "name.homophone", name.homophone);
        positive(problems, "name.swapped", name.swapped);
        positive(problems, "name.typo", name.typo);
        positive(problems, "name.partial", name.partial);
        negative(problems, "name.disagree", name.disagree);
        unitInterval(problems, "name.typoFloor", name.typoFloor);
        unitInterval(problems, "name.typoFull", name.typoFull);
        if (name.typoFull < name.typoFloor) {
            problems.add("name.typoFull: " + fmt(name.typoFull) + " is below name.typoFloor " + fmt(name.typoFloor)
                    + " (set typoFull between typoFloor and 1)");
        }
        notAbove(problems, "name.homophone", name.homophone, "name.exact", name.exact);
        notAbove(problems, "name.swapped", name.swapped, "name.exact", name.exact);
        notAbove(problems, "name.typo", name.typo, "name.exact", name.exact);
        notAbove(problems, "name.partial", name.partial, "name.exact", name.exact);

        positive(problems, "gender.agree", gender.agree);
        negative(problems, "gender.disagree", gender.disagree);

        positive(problems, "birthDate.exact", birthDate.exact);
        positive(problems, "birthDate.dayMonthSwap", birthDate.dayMonthSwap);
        positive(problems, "birthDate.oneDigit", birthDate.oneDigit);
        negative(problems, "birthDate.disagree", birthDate.disagree);
        notAbove(problems, "birthDate.dayMonthSwap", birthDate.dayMonthSwap, "birthDate.exact", birthDate.exact);
        notAbove(problems, "birthDate.oneDigit", birthDate.oneDigit, "birthDate.exact", birthDate.exact);

        positive(problems, "phones.agree", phones.agree);
        negative(problems, "phones.disagree", phones.disagree);

        positive(problems, "address.exact", address.exact);
        positive(problems, "address.building", address.building);
        positive(problems, "address.similar", address.similar);
        positive(problems, "address.community", address.community);
        negative(problems, "address.disagree", address.disagree);
        unitInterval(problems, "address.similarFloor", address.similarFloor);
        notAbove(problems, "address.building", address.building, "address.exact", address.exact);
        notAbove(problems, "address.similar", address.similar, "address.exact", address.exact);
        notAbove(problems, "address.community", address.community, "address.building", address.building);

        positive(problems, "identifiers.agree", identifiers.agree);
        positive(problems, "identifiers.oneEdit", identifiers.oneEdit);
        negative(problems, "identifiers.disagree", identifiers.disagree);
        notAbove(problems, "identifiers.oneEdit", identifiers.oneEdit, "identifiers.agree", identifiers.agree);
        for (String attribute : identifiers.attributes) {
            if (attribute == null || attribute.isBlank()) {
                problems.add("identifiers.attributes: holds a blank name (remove it, or name the attribute as the"
                        + " connector mapping declares it)");
            }
        }

        double highest = highestScore();
        if (Double.isFinite(highest) && Double.isFinite(matchThreshold) && highest < matchThreshold) {
            problems.add("matchThreshold: the highest possible score without two valid ID numbers is " + fmt(highest)
                    + ", below the match threshold " + fmt(matchThreshold) + ", so no match will ever be made by score"
                    + " (lower matchThreshold or raise the agreement weights)");
        } else if (Double.isFinite(highest) && Double.isFinite(reviewThreshold) && highest < reviewThreshold) {
            problems.add("reviewThreshold: the highest possible score is " + fmt(highest) + ", below the review"
                    + " threshold " + fmt(reviewThreshold) + ", so no pair will ever be reviewed (lower reviewThreshold)");
        }
        return List.copyOf(problems);
    }

    /** The best score a pair can reach when the ID-number rules do not decide it: every field agreeing. */
    double highestScore() {
        return Math.max(0, Math.max(idNumber.oneEdit, idNumber.statedEqual))
                + Math.max(0, max(name.exact, name.homophone, name.swapped, name.typo, name.partial))
                + Math.max(0, gender.agree)
                + Math.max(0, max(birthDate.exact, birthDate.dayMonthSwap, birthDate.oneDigit))
                + Math.max(0, phones.agree)
                + Math.max(0, max(address.exact, address.building, address.similar, address.community))
                + (identifiers.attributes.isEmpty() ? 0 : Math.max(0, identifiers.agree));
    }

    private static double max(double first, double... rest) {
        double max = first;
        for (double value : rest) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static void finite(List<String> problems, String key, double value) {
        if (!Double.isFinite(value)) {
            problems.add(key + ": is " + value + " (give a finite number)");
        }
    }

    private static void positive(List<String> problems, String key, double value) {
        if (!Double.isFinite(value)) {
            finite(problems, key, value);
        } else if (value < 0) {
            problems.add(key + ": is " + fmt(value) + ", so an agreement would count against a match"
                    + " (give a weight of 0 or more: log2(m/u) with m > u)");
        }
    }

    private static void negative(List<String> problems, String key, double value) {
        if (!Double.isFinite(value)) {
            finite(problems, key, value);
        } else if (value > 0) {
            problems.add(key + ": is " + fmt(value) + ", so a disagreement would count for a match"
                    + " (give a weight of 0 or less: log2((1-m)/(1-u)) with m > u)");
        }
    }

    private static void unitInterval(List<String> problems, String key, double value) {
        if (!(value > 0 && value < 1)) {
            problems.add(key + ": is " + fmt(value) + ", not a similarity strictly between 0 and 1"
                    + " (give for example 0.8)");
        }
    }

    private static void notAbove(List<String> problems, String key, double value, String boundKey, double bound) {
        if (Double.isFinite(value) && Double.isFinite(bound) && value > bound) {
            problems.add(key + ": " + fmt(value) + " is above " + boundKey + " " + fmt(bound)
                    + ", so a partial agreement would count for more than a full one (set it at or below "
                    + boundKey + ")");
        }
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}

package org.onegrid.resolve.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onegrid.schema.Comparison;

/**
 * Accuracy floor on the public labelled FEBRL 4 data set: candidate pairs from the blocking keys
 * across the two files, each compared by the default matcher, counted against the truth (same
 * rec number, 5,000 true pairs). The floors sit just under the measured figures, so a change
 * that costs accuracy fails the build. Figures and how to read them: docs/matching.md.
 * {@code -Dfebrl.verbose=true} also prints the true pairs the blocking keys miss, the first
 * wrongly decided pairs with their evidence, and the score histogram.
 */
class Febrl4AccuracyTest {

    /** The data set sits beside the project: the repository is cloned with shared/ next to it. */
    private static final Path DATA = Path.of("..", "shared", "data", "febrl4");
    private static final int TRUE_PAIRS = 5_000;

    private static Result result;
    private static final boolean VERBOSE = Boolean.getBoolean("febrl.verbose");

    @BeforeAll
    static void linkBothFiles() throws IOException {
        if (!Files.isRegularFile(DATA.resolve("dataset4a.csv")) || !Files.isRegularFile(DATA.resolve("dataset4b.csv"))) {
            fail("FEBRL 4 data set not found at " + DATA.toAbsolutePath().normalize()
                    + ": clone the shared data beside the project (shared/data/febrl4/dataset4a.csv and dataset4b.csv)");
        }
        result = link(Febrl4.read(DATA.resolve("dataset4a.csv")), Febrl4.read(DATA.resolve("dataset4b.csv")));
        System.out.println(result.report());
    }

    @Test
    void blockingKeysBringAlmostEveryTruePairTogether() {
        assertThat(result.blockingRecall()).isGreaterThanOrEqualTo(0.997);
        assertThat(result.candidates).isLessThan(6_000);
    }

    @Test
    void matchesFebrl4WithHighPrecisionAndRecall() {
        assertThat(result.precision()).isGreaterThanOrEqualTo(0.995);
        assertThat(result.recall()).isGreaterThanOrEqualTo(0.955);
        assertThat(result.f1()).isGreaterThanOrEqualTo(0.975);
    }

    private static Result link(List<Febrl4.Row> a, List<Febrl4.Row> b) {
        Map<String, List<Integer>> blocksA = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            for (String key : keys(a.get(i).person())) {
                blocksA.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        Set<Long> pairs = new HashSet<>();
        for (int j = 0; j < b.size(); j++) {
            for (String key : keys(b.get(j).person())) {
                for (int i : blocksA.getOrDefault(key, List.of())) {
                    pairs.add((long) i * b.size() + j);
                }
            }
        }
        if (VERBOSE) {
            Map<Integer, Integer> indexB = new HashMap<>();
            for (int j = 0; j < b.size(); j++) {
                indexB.put(b.get(j).recNumber(), j);
            }
            for (int i = 0; i < a.size(); i++) {
                Integer j = indexB.get(a.get(i).recNumber());
                if (j != null && !pairs.contains((long) i * b.size() + j)) {
                    System.out.println("UNBLOCKED " + BlockingKeys.of(a.get(i).person()) + "\n          "
                            + BlockingKeys.of(b.get(j).person()));
                }
            }
        }
        ScoringMatcher matcher = new ScoringMatcher();
        Result r = new Result();
        r.candidates = pairs.size();
        for (long pair : pairs) {
            Febrl4.Row rowA = a.get((int) (pair / b.size()));
            Febrl4.Row rowB = b.get((int) (pair % b.size()));
            boolean truth = rowA.recNumber() == rowB.recNumber();
            MatchVerdict verdict = matcher.compare(rowA.person(), rowB.person());
            if (truth) {
                r.blockedTruePairs++;
            }
            if (VERBOSE && (truth != (verdict.decision() == Decision.MATCH)) && r.shown++ < 60) {
                System.out.println((truth ? "MISSED " : "FALSE  ") + verdict.score() + "\n   " + rowA.person().getName()
                        + " / " + rowB.person().getName() + "  " + rowA.person().getAddress() + "\n   "
                        + rowB.person().getAddress() + "\n   " + rowA.person().getBirthDate() + " / "
                        + rowB.person().getBirthDate() + "  " + verdict.evidence());
            }
            (truth ? r.trueScores : r.otherScores).add(verdict.score());
            if (VERBOSE) {
                int bucket = (int) Math.floor(verdict.score());
                r.histogram.computeIfAbsent(bucket, k -> new int[2])[truth ? 0 : 1]++;
            }
            switch (verdict.decision()) {
                case MATCH -> {
                    if (truth) {
                        r.truePositives++;
                    } else {
                        r.falsePositives++;
                    }
                }
                case REVIEW -> {
                    if (truth) {
                        r.reviewTrue++;
                    } else {
                        r.reviewFalse++;
                    }
                }
                default -> {
                }
            }
            for (Comparison c : verdict.evidence()) {
                int[] counts = r.outcomes.computeIfAbsent(c.getField() + " " + c.getMethod(), k -> new int[2]);
                counts[truth ? 0 : 1]++;
            }
        }
        return r;
    }

    /** The blocking keys; with -Dfebrl.wide=true also the postcode and the birth month, a far looser blocking. */
    private static Set<String> keys(org.onegrid.schema.SourcePerson person) {
        if (!Boolean.getBoolean("febrl.wide")) {
            return BlockingKeys.of(person);
        }
        Set<String> keys = new HashSet<>(BlockingKeys.of(person));
        if (person.getAddress() != null) {
            String[] words = person.getAddress().getNormalized().split(" ");
            keys.add("wide-pc:" + (words.length > 1 ? words[words.length - 2] : ""));
        }
        if (person.getBirthDate() != null) {
            keys.add("wide-bm:" + person.getBirthDate().toString().substring(0, 7));
        }
        return keys;
    }

    private static final class Result {
        int candidates;
        int shown;
        final Map<Integer, int[]> histogram = new TreeMap<>();
        final List<Double> trueScores = new ArrayList<>();
        final List<Double> otherScores = new ArrayList<>();
        int blockedTruePairs;
        int truePositives;
        int falsePositives;
        int reviewTrue;
        int reviewFalse;
        /** Per comparison outcome: how often among true pairs, how often among other candidate pairs. */
        final Map<String, int[]> outcomes = new TreeMap<>();

        double blockingRecall() {
            return (double) blockedTruePairs / TRUE_PAIRS;
        }

        double precision() {
            return truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return (double) truePositives / TRUE_PAIRS;
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        String report() {
            StringBuilder s = new StringBuilder("FEBRL 4 (5,000 true pairs), default MatchConfig\n");
            s.append(String.format(Locale.ROOT,
                    "  candidate pairs %d, blocking recall %.4f (%d true pairs share a key)%n",
                    candidates, blockingRecall(), blockedTruePairs));
            s.append(String.format(Locale.ROOT,
                    "  MATCH: %d true, %d false -> precision %.4f, recall %.4f, F1 %.4f%n",
                    truePositives, falsePositives, precision(), recall(), f1()));
            s.append(String.format(Locale.ROOT, "  REVIEW: %d true, %d false%n", reviewTrue, reviewFalse));
            s.append("  other match thresholds (same candidates, same weights):\n");
            for (double threshold : new double[] {0, 4, 8, 12, 16, 20}) {
                long tp = trueScores.stream().filter(x -> x >= threshold).count();
                long fp = otherScores.stream().filter(x -> x >= threshold).count();
                double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
                double rec = (double) tp / TRUE_PAIRS;
                s.append(String.format(Locale.ROOT, "    >= %4.1f: precision %.4f, recall %.4f, F1 %.4f%n",
                        threshold, p, rec, p + rec == 0 ? 0 : 2 * p * rec / (p + rec)));
            }
            s.append("  comparison outcome: share of true pairs (m) / share of other candidate pairs (u)\n");
            int others = candidates - blockedTruePairs;
            outcomes.forEach((outcome, counts) -> s.append(String.format(Locale.ROOT,
                    "    %-34s m %.4f  u %.5f%n", outcome,
                    (double) counts[0] / Math.max(1, blockedTruePairs), (double) counts[1] / Math.max(1, others))));
            if (VERBOSE) {
                histogram.forEach((k, v) -> s.append(String.format(Locale.ROOT, "    score %4d: true %5d  other %5d%n", k, v[0], v[1])));
            }
            return s.toString();
        }
    }
}

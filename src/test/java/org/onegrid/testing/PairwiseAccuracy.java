package org.onegrid.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How well a resolution agrees with the truth: pairwise precision and recall of "these two source records are the
 * same person", persons found exactly, and twins merged. Shared by the labelled-city test and the benchmark so both
 * count the same way.
 *
 * @param records source records in the truth
 * @param truePairs pairs of records that are truly one person
 * @param predictedPairs pairs the resolver put in one person
 * @param correctPairs predicted pairs that are true
 * @param personsExact persons whose records the resolver grouped exactly as the truth, no more, no less
 * @param persons persons in the truth
 * @param twinMerges pairs of twins the resolver made one person
 * @param unresolved records of the truth the resolver has no person for
 */
public record PairwiseAccuracy(int records, long truePairs, long predictedPairs, long correctPairs, int personsExact,
                               int persons, int twinMerges, int unresolved) {

    public double precision() {
        return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
    }

    public double recall() {
        return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
    }

    public double f1() {
        double sum = precision() + recall();
        return sum == 0 ? 0 : 2 * precision() * recall() / sum;
    }

    /**
     * @param truth source record ref → true person id
     * @param predicted source record ref → the resolver's person id (refs outside the truth are ignored)
     * @param twins pairs of true person ids that are twins
     */
    public static PairwiseAccuracy score(Map<String, String> truth, Map<String, String> predicted, Set<Set<String>> twins) {
        Map<String, Map<String, Integer>> byPredicted = new TreeMap<>();
        Map<String, Integer> trueSizes = new HashMap<>();
        truth.values().forEach(person -> trueSizes.merge(person, 1, Integer::sum));
        int unresolved = 0;
        for (var entry : truth.entrySet()) {
            String person = predicted.get(entry.getKey());
            if (person == null) {
                unresolved++;
            } else {
                byPredicted.computeIfAbsent(person, p -> new HashMap<>()).merge(entry.getValue(), 1, Integer::sum);
            }
        }
        long truePairs = trueSizes.values().stream().mapToLong(PairwiseAccuracy::pairs).sum();
        long predictedPairs = 0;
        long correctPairs = 0;
        int exact = 0;
        int twinMerges = 0;
        for (Map<String, Integer> cluster : byPredicted.values()) {
            predictedPairs += pairs(cluster.values().stream().mapToInt(Integer::intValue).sum());
            correctPairs += cluster.values().stream().mapToLong(PairwiseAccuracy::pairs).sum();
            if (cluster.size() == 1) {
                var only = cluster.entrySet().iterator().next();
                if (only.getValue().equals(trueSizes.get(only.getKey()))) {
                    exact++;
                }
            }
            List<String> people = List.copyOf(cluster.keySet());
            for (int i = 0; i < people.size(); i++) {
                for (int j = i + 1; j < people.size(); j++) {
                    if (twins.contains(Set.of(people.get(i), people.get(j)))) {
                        twinMerges++;
                    }
                }
            }
        }
        return new PairwiseAccuracy(truth.size(), truePairs, predictedPairs, correctPairs, exact, trueSizes.size(),
                twinMerges, unresolved);
    }

    private static long pairs(long n) {
        return n * (n - 1) / 2;
    }

    @Override
    public String toString() {
        return String.format("records %d (unresolved %d), pairs true %d predicted %d correct %d: precision %.4f recall %.4f"
                        + " F1 %.4f; persons exact %d of %d; twin merges %d", records, unresolved, truePairs,
                predictedPairs, correctPairs, precision(), recall(), f1(), personsExact, persons, twinMerges);
    }
}

package org.onegrid.resolve.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.resolve.cluster.Shard.aPerson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.onegrid.resolve.match.Decision;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.SourcePerson;
import org.onegrid.testing.SourcePersonBuilder;

/**
 * Random upserts and deletes over a small set of records, checking after every step what must
 * always hold: memberships and persons agree, a person is one MATCH-connected group with no NEVER
 * pair inside, no two persons could still be merged, and the published golden records and open
 * conflicts are what the store says.
 */
class ClusterInvariantsTest {

    private static final String[] NAMES = {"李娜", "李那", "张伟"};
    private static final String[] IDS = {null, null, "36010219850302101X", "360102198503021025"};
    private static final String[] KEYS = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};

    @Test
    void invariantsHoldThroughRandomUpsertsDeletesAndReviewerDecisions() {
        for (long seed = 1; seed <= 8; seed++) {
            Random random = new Random(seed);
            List<SourcePerson> input = randomInput(random, 100);
            Shard shard = new Shard();
            Shard replay = new Shard();
            Map<String, SourcePerson> live = new HashMap<>();
            Map<String, GoldenPerson> lastGolden = new HashMap<>();
            Map<String, Conflict> lastConflict = new HashMap<>();
            for (SourcePerson r : input) {
                List<ResolveResult> results = new ArrayList<>();
                results.add(shard.apply(r));
                replay.apply(r);
                if (r.getDeleted()) {
                    live.remove(Refs.of(r));
                } else {
                    live.put(Refs.of(r), r);
                }
                String when = "seed " + seed + " after " + Refs.of(r);
                if (live.size() >= 2 && random.nextInt(8) == 0) {
                    List<String> refs = new ArrayList<>(new TreeSet<>(live.keySet()));
                    Collections.shuffle(refs, random);
                    ReviewDecision decision = random.nextBoolean() ? ReviewDecision.SAME : ReviewDecision.DIFFERENT;
                    results.add(shard.decideRecords(refs.get(0), refs.get(1), decision));
                    replay.decideRecords(refs.get(0), refs.get(1), decision);
                    when += " and " + decision + " " + refs.get(0) + " " + refs.get(1);
                }
                for (ResolveResult result : results) {
                    result.goldens().forEach(g -> lastGolden.put(g.getPersonId(), g));
                    result.conflicts().forEach(c -> lastConflict.put(c.getConflictId(), c));
                }
                checkInvariants(shard, live, lastGolden, lastConflict, when);
            }
            assertThat(replay.publishedIds()).as("replay of seed %d", seed).isEqualTo(shard.publishedIds());
        }
    }

    private static List<SourcePerson> randomInput(Random random, int size) {
        List<SourcePerson> input = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String key = KEYS[random.nextInt(KEYS.length)];
            String connector = key.compareTo("e") < 0 ? "health" : "civil-affairs";
            if (random.nextInt(6) == 0) {
                input.add(aPerson().from(connector, key).deleted().build());
                continue;
            }
            String name = NAMES[random.nextInt(NAMES.length)];
            SourcePersonBuilder b = aPerson().from(connector, key).named(name).pinyin(name.equals("张伟") ? "zhang wei" : "li na");
            String id = IDS[random.nextInt(IDS.length)];
            if (id != null) {
                b.withId(id);
            }
            if (random.nextBoolean()) {
                b.male();
            } else {
                b.female();
            }
            input.add(b.build());
        }
        return input;
    }

    private static void checkInvariants(Shard shard, Map<String, SourcePerson> live, Map<String, GoldenPerson> lastGolden,
            Map<String, Conflict> lastConflict, String when) {
        ClusterStore store = shard.store;
        Verdicts matcher = new Verdicts(store);
        Map<String, Set<String>> persons = new HashMap<>();
        for (String ref : live.keySet()) {
            String pid = store.memberships().get(ref);
            assertThat(pid).as("%s: membership of %s", when, ref).isNotNull();
            persons.computeIfAbsent(pid, k -> new TreeSet<>()).add(ref);
        }
        Set<String> openConflicts = new HashSet<>();
        for (Map.Entry<String, Set<String>> e : persons.entrySet()) {
            PersonState p = store.persons().get(e.getKey());
            assertThat(p.status()).as("%s: status of %s", when, e.getKey()).isEqualTo(PersonStatus.ACTIVE);
            assertThat(new TreeSet<>(p.members())).as("%s: members of %s", when, e.getKey()).isEqualTo(e.getValue());
            openConflicts.addAll(p.conflicts());
            List<String> members = List.copyOf(e.getValue());
            assertThat(components(members, live, matcher)).as("%s: %s is connected", when, members).isEqualTo(1);
            for (String x : members) {
                for (String y : members) {
                    assertThat(matcher.compare(live.get(x), live.get(y)).decision())
                            .as("%s: %s and %s in one person", when, x, y).isNotEqualTo(Decision.NEVER);
                }
            }
            GoldenPerson golden = lastGolden.get(e.getKey());
            assertThat(golden.getStatus()).isEqualTo(PersonStatus.ACTIVE);
            assertThat(golden.getSources()).as("%s: published sources of %s", when, e.getKey())
                    .extracting(s -> Refs.of(s.getConnector(), s.getSourceKey()))
                    .containsExactlyElementsOf(e.getValue());
        }
        for (String a : persons.keySet()) {
            for (String b : persons.keySet()) {
                if (a.compareTo(b) < 0 && anyMatch(persons.get(a), persons.get(b), live, matcher)) {
                    assertThat(anyNever(persons.get(a), persons.get(b), live, matcher))
                            .as("%s: %s and %s match and could merge", when, a, b).isTrue();
                }
            }
        }
        lastGolden.forEach((pid, g) -> {
            if (!persons.containsKey(pid)) {
                assertThat(g.getStatus()).as("%s: last golden of gone %s", when, pid).isNotEqualTo(PersonStatus.ACTIVE);
            }
        });
        lastConflict.forEach((id, c) -> {
            boolean open = c.getStatus() == org.onegrid.schema.ConflictStatus.OPEN;
            assertThat(open).as("%s: conflict %s open", when, id).isEqualTo(openConflicts.contains(id));
            assertThat(store.conflicts().get(id) != null).as("%s: conflict %s stored", when, id).isEqualTo(open);
        });
    }

    /** The matcher's verdicts, overridden by the reviewer decisions in the store. */
    private record Verdicts(ClusterStore store) {
        private static final SimpleMatcher MATCHER = new SimpleMatcher();

        org.onegrid.resolve.match.MatchVerdict compare(SourcePerson a, SourcePerson b) {
            String decided = store.decisions().get(Refs.pair(Refs.of(a), Refs.of(b)));
            if (decided != null) {
                return new org.onegrid.resolve.match.MatchVerdict(decided.equals("SAME") ? Decision.MATCH : Decision.NEVER,
                        org.onegrid.schema.MatchRule.REVIEWED_SAME, 0, List.of());
            }
            return MATCHER.compare(a, b);
        }
    }

    private static int components(List<String> refs, Map<String, SourcePerson> live, Verdicts matcher) {
        Set<String> seen = new HashSet<>();
        int parts = 0;
        for (String start : refs) {
            if (!seen.add(start)) {
                continue;
            }
            parts++;
            List<String> todo = new ArrayList<>(List.of(start));
            while (!todo.isEmpty()) {
                String x = todo.remove(todo.size() - 1);
                for (String y : refs) {
                    if (!seen.contains(y) && matcher.compare(live.get(x), live.get(y)).decision() == Decision.MATCH) {
                        seen.add(y);
                        todo.add(y);
                    }
                }
            }
        }
        return parts;
    }

    private static boolean anyMatch(Set<String> a, Set<String> b, Map<String, SourcePerson> live, Verdicts m) {
        return a.stream().anyMatch(x -> b.stream()
                .anyMatch(y -> m.compare(live.get(x), live.get(y)).decision() == Decision.MATCH));
    }

    private static boolean anyNever(Set<String> a, Set<String> b, Map<String, SourcePerson> live, Verdicts m) {
        return a.stream().anyMatch(x -> b.stream()
                .anyMatch(y -> m.compare(live.get(x), live.get(y)).decision() == Decision.NEVER));
    }
}

package org.onegrid.resolve.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.resolve.cluster.PersonBuilder.aPerson;

import java.util.ArrayList;
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
    void invariantsHoldThroughRandomUpsertsAndDeletes() {
        for (long seed = 1; seed <= 8; seed++) {
            List<SourcePerson> input = randomInput(new Random(seed), 100);
            Shard shard = new Shard();
            Map<String, SourcePerson> live = new HashMap<>();
            Map<String, GoldenPerson> lastGolden = new HashMap<>();
            Map<String, Conflict> lastConflict = new HashMap<>();
            for (SourcePerson r : input) {
                ResolveResult result = shard.apply(r);
                if (r.getDeleted()) {
                    live.remove(Refs.of(r));
                } else {
                    live.put(Refs.of(r), r);
                }
                result.goldens().forEach(g -> lastGolden.put(g.getPersonId(), g));
                result.conflicts().forEach(c -> lastConflict.put(c.getConflictId(), c));
                checkInvariants(shard, live, lastGolden, lastConflict, "seed " + seed + " after " + Refs.of(r));
            }

            Shard replay = new Shard();
            replay.applyAll(input);
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
            PersonBuilder b = aPerson().from(connector, key).named(name).pinyin(name.equals("张伟") ? "zhang wei" : "li na");
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
        SimpleMatcher matcher = new SimpleMatcher();
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

    private static int components(List<String> refs, Map<String, SourcePerson> live, SimpleMatcher matcher) {
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

    private static boolean anyMatch(Set<String> a, Set<String> b, Map<String, SourcePerson> live, SimpleMatcher m) {
        return a.stream().anyMatch(x -> b.stream()
                .anyMatch(y -> m.compare(live.get(x), live.get(y)).decision() == Decision.MATCH));
    }

    private static boolean anyNever(Set<String> a, Set<String> b, Map<String, SourcePerson> live, SimpleMatcher m) {
        return a.stream().anyMatch(x -> b.stream()
                .anyMatch(y -> m.compare(live.get(x), live.get(y)).decision() == Decision.NEVER));
    }
}

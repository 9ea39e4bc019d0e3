package org.onegrid.resolve.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.onegrid.resolve.cluster.Shard.aPerson;
import static org.onegrid.resolve.cluster.Shard.goldenOf;
import static org.onegrid.resolve.cluster.Shard.linkOf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.ConflictKind;
import org.onegrid.schema.ConflictStatus;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.MatchRule;
import org.onegrid.schema.PersonLink;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.SourcePerson;

class ClusterResolverTest {

    static final String ID_A = "36010219850302101X";
    static final String ID_B = "360102198503021025";

    private final Shard shard = new Shard();

    // ---- new persons and joining

    @Test
    void firstRecordCreatesPersonWithIdDerivedFromTheRecord() {
        ResolveResult result = shard.apply(aPerson().from("public-security", "ps1").named("李娜").withId(ID_A));

        String pid = shard.personOf("public-security", "ps1");
        assertThat(pid).matches("P[0-9A-F]{20}");
        assertThat(result.goldens()).singleElement().satisfies(g -> {
            assertThat(g.getPersonId()).isEqualTo(pid);
            assertThat(g.getStatus()).isEqualTo(PersonStatus.ACTIVE);
            assertThat(g.getVersion()).isEqualTo(1);
        });
        PersonLink link = linkOf(result, "ps1");
        assertThat(link.getPersonId()).isEqualTo(pid);
        assertThat(link.getRule()).isEqualTo(MatchRule.NEW_PERSON);
        assertThat(link.getPreviousPersonId()).isNull();

        Shard other = new Shard();
        other.apply(aPerson().from("public-security", "ps1").named("李娜").withId(ID_A));
        assertThat(other.personOf("public-security", "ps1")).isEqualTo(pid);
    }

    @Test
    void recordWithSameIdNumberJoinsThePersonWithRuleAndEvidence() {
        shard.apply(aPerson().from("public-security", "ps1").named("李娜").withId(ID_A));
        String pid = shard.personOf("public-security", "ps1");

        ResolveResult result = shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID_A));

        assertThat(shard.personOf("health", "h1")).isEqualTo(pid);
        PersonLink link = linkOf(result, "h1");
        assertThat(link.getRule()).isEqualTo(MatchRule.SAME_ID);
        assertThat(link.getMatchedWith().getSourceKey()).isEqualTo("ps1");
        assertThat(link.getEvidence()).isNotEmpty();
        assertThat(goldenOf(result, pid).getVersion()).isEqualTo(2);
        assertThat(goldenOf(result, pid).getSources()).hasSize(2);
    }

    @Test
    void scoredMatchCarriesItsScore() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("王芳"));
        ResolveResult result = shard.apply(aPerson().from("health", "h1").named("王芳"));

        PersonLink link = linkOf(result, "h1");
        assertThat(link.getRule()).isEqualTo(MatchRule.SCORE);
        assertThat(link.getScore()).isEqualTo(0.9);
        assertThat(shard.personOf("health", "h1")).isEqualTo(shard.personOf("civil-affairs", "c1"));
    }

    @Test
    void recordThatMatchesNobodyBecomesAnotherPerson() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("王芳"));
        shard.apply(aPerson().from("civil-affairs", "c2").named("张伟"));

        assertThat(shard.personOf("civil-affairs", "c1")).isNotEqualTo(shard.personOf("civil-affairs", "c2"));
    }

    // ---- idempotence and determinism

    @Test
    void unchangedUpdatePublishesNothingAndKeepsTheId() {
        shard.apply(aPerson().from("health", "h1").named("王芳").phones("13800000001"));
        String pid = shard.personOf("health", "h1");

        ResolveResult again = shard.apply(aPerson().from("health", "h1").named("王芳").phones("13800000001"));
        ResolveResult reingested = shard.apply(aPerson().from("health", "h1").named("王芳").phones("13800000001")
                .ingestedAt("2026-02-01T00:00:00Z"));

        assertThat(again.isEmpty()).isTrue();
        assertThat(reingested.isEmpty()).isTrue();
        assertThat(shard.personOf("health", "h1")).isEqualTo(pid);
    }

    @Test
    void updateThatChangesOnlyTheGoldenPublishesANewVersionAndNoLink() {
        shard.apply(aPerson().from("health", "h1").named("王芳").phones("13800000001"));
        String pid = shard.personOf("health", "h1");

        ResolveResult result = shard.apply(aPerson().from("health", "h1").named("王芳").phones("13900000002"));

        assertThat(result.links()).isEmpty();
        assertThat(goldenOf(result, pid).getVersion()).isEqualTo(2);
        assertThat(goldenOf(result, pid).getPhones()).extracting(t -> t.getValue()).containsExactly("13900000002");
    }

    @Test
    void replayingTheSameInputInTheSameOrderGivesTheSameIds() {
        List<SourcePerson> input = mixedInput();
        Shard first = new Shard();
        first.applyAll(input);
        Shard replay = new Shard();
        replay.applyAll(input);

        assertThat(replay.publishedIds()).isEqualTo(first.publishedIds());
        for (SourcePerson r : input) {
            assertThat(replay.personOf(r.getConnector(), r.getSourceKey()))
                    .isEqualTo(first.personOf(r.getConnector(), r.getSourceKey()));
        }
    }

    @Test
    void reapplyingInputAfterACrashPublishesNothingNew() {
        List<SourcePerson> input = mixedInput();
        shard.applyAll(input);
        int published = shard.published.size();

        for (SourcePerson r : input.subList(input.size() - 4, input.size())) {
            assertThat(shard.apply(r).isEmpty()).as("replayed %s", Refs.of(r)).isTrue();
        }
        assertThat(shard.published).hasSize(published + 4);
    }

    @Test
    void sameFinalPersonsWhateverTheOrderOfArrival() {
        List<SourcePerson> input = mixedInput();
        Shard reference = new Shard();
        reference.applyAll(input);
        Set<Set<String>> expected = reference.clusters();

        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            List<SourcePerson> shuffled = new ArrayList<>(input);
            Collections.shuffle(shuffled, random);
            Shard other = new Shard();
            other.applyAll(shuffled);
            assertThat(other.clusters()).as("order %s", shuffled.stream().map(Refs::of).toList())
                    .isEqualTo(expected);
        }
    }

    @Test
    void behavesTheSameOnAStoreThatSerializesEveryValue() {
        List<SourcePerson> input = new ArrayList<>(mixedInput());
        input.add(aPerson().from("health", "h1").named("李娜").withId(ID_B).phones("13800000001").build());
        input.add(aPerson().from("civil-affairs", "c1").deleted().build());
        input.add(aPerson().from("health", "h3").named("赵敏").female().build());
        Shard inMemory = new Shard();
        Shard serializing = new Shard(Survivorship.RECENCY_ONLY, new SerializingClusterStore());

        inMemory.applyAll(input);
        serializing.applyAll(input);
        for (SourcePerson r : input.subList(input.size() - 3, input.size())) {
            assertThat(serializing.apply(r).isEmpty()).as("replayed %s", Refs.of(r)).isTrue();
        }

        assertThat(serializing.publishedIds()).isEqualTo(inMemory.publishedIds());
        assertThat(serializing.clusters()).isEqualTo(inMemory.clusters());
        assertThat(serializing.lastConflicts().keySet()).isEqualTo(inMemory.lastConflicts().keySet());
    }

    @Test
    void placingARecordComparesOnlyTheRecordsSharingABlockingKey() {
        for (int i = 0; i < 300; i++) {
            shard.apply(aPerson().from("health", "h" + i).named("居民" + i));
        }
        shard.apply(aPerson().from("civil-affairs", "c1").named("居民7"));
        shard.matcher.comparisons = 0;

        shard.apply(aPerson().from("party", "p1").named("居民7"));

        assertThat(shard.personOf("party", "p1")).isEqualTo(shard.personOf("health", "h7"));
        assertThat(shard.matcher.comparisons).isLessThan(10);
    }

    /** Two people with IDs, records without IDs bridging, and a person of their own. */
    private static List<SourcePerson> mixedInput() {
        return List.of(
                aPerson().from("public-security", "ps1").named("李娜").withId(ID_A).build(),
                aPerson().from("civil-affairs", "c1").named("李娜").build(),
                aPerson().from("health", "h1").named("李娜").withId(ID_A).phones("13800000001").build(),
                aPerson().from("public-security", "ps2").named("张伟").withId(ID_B).build(),
                aPerson().from("health", "h2").named("张伟").build(),
                aPerson().from("party", "p1").named("赵敏").build(),
                aPerson().from("health", "h3").named("赵敏").born("1985-03-02").phones("13900000009").build());
    }

    // ---- merges

    @Test
    void recordMatchingTwoPersonsMergesThemAndTheOlderIdSurvives() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("李娜"));
        String older = shard.personOf("civil-affairs", "c1");
        shard.apply(aPerson().from("public-security", "ps1").named("李娜拉").withId(ID_A));
        String younger = shard.personOf("public-security", "ps1");
        assertThat(younger).isNotEqualTo(older);

        ResolveResult result = shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID_A));

        assertThat(shard.personOf("health", "h1")).isEqualTo(older);
        assertThat(shard.personOf("public-security", "ps1")).isEqualTo(older);
        GoldenPerson redirect = goldenOf(result, younger);
        assertThat(redirect.getStatus()).isEqualTo(PersonStatus.MERGED);
        assertThat(redirect.getMergedInto()).isEqualTo(older);
        assertThat(redirect.getSources()).isEmpty();
        PersonLink moved = linkOf(result, "ps1");
        assertThat(moved.getPersonId()).isEqualTo(older);
        assertThat(moved.getPreviousPersonId()).isEqualTo(younger);
        assertThat(moved.getRule()).isEqualTo(MatchRule.SAME_ID);
        assertThat(goldenOf(result, older).getSources()).hasSize(3);
        assertThat(shard.resolver.current(younger)).isEqualTo(older);
    }

    @Test
    void mergedIdIsNeverUsedAgain() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("李娜"));
        shard.apply(aPerson().from("public-security", "ps1").named("李娜拉").withId(ID_A));
        String merged = shard.personOf("public-security", "ps1");
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID_A));

        shard.apply(aPerson().from("health", "h1").deleted());
        shard.apply(aPerson().from("public-security", "ps1").named("李娜拉").withId(ID_A).phones("13800000001"));
        shard.apply(aPerson().from("civil-affairs", "c1").deleted());

        assertThat(shard.personOf("public-security", "ps1")).isNotNull().isNotEqualTo(merged);
        assertThat(shard.golden(merged).getStatus()).isEqualTo(PersonStatus.MERGED);
    }

    @Test
    void neverMergesPersonsWithDifferentValidIdsAndRaisesAConflictInstead() {
        shard.apply(aPerson().from("public-security", "ps1").named("李娜").withId(ID_A));
        shard.apply(aPerson().from("public-security", "ps2").named("李娜").withId(ID_B));
        String a = shard.personOf("public-security", "ps1");
        String b = shard.personOf("public-security", "ps2");
        assertThat(a).isNotEqualTo(b);

        ResolveResult result = shard.apply(aPerson().from("civil-affairs", "c1").named("李娜"));

        assertThat(shard.personOf("civil-affairs", "c1")).isIn(a, b);
        assertThat(shard.personOf("public-security", "ps1")).isEqualTo(a);
        assertThat(shard.personOf("public-security", "ps2")).isEqualTo(b);
        assertThat(result.conflicts()).anySatisfy(c -> {
            assertThat(c.getKind()).isEqualTo(ConflictKind.POSSIBLE_MATCH);
            assertThat(Set.of(c.getPersonId(), c.getOtherPersonId())).containsExactlyInAnyOrder(a, b);
            assertThat(c.getStatus()).isEqualTo(ConflictStatus.OPEN);
        });
    }

    // ---- splits

    @Test
    void updateThatNoLongerMatchesMovesTheRecordToANewPersonWithRuleSplit() {
        shard.apply(aPerson().from("public-security", "ps1").named("李娜").withId(ID_A));
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID_A));
        String pid = shard.personOf("public-security", "ps1");

        ResolveResult result = shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID_B));

        String moved = shard.personOf("health", "h1");
        assertThat(moved).isNotEqualTo(pid);
        assertThat(shard.personOf("public-security", "ps1")).isEqualTo(pid);
        PersonLink link = linkOf(result, "h1");
        assertThat(link.getRule()).isEqualTo(MatchRule.SPLIT);
        assertThat(link.getPreviousPersonId()).isEqualTo(pid);
        assertThat(link.getPersonId()).isEqualTo(moved);
        assertThat(goldenOf(result, pid).getSources()).hasSize(1);
        assertThat(goldenOf(result, moved).getVersion()).isEqualTo(1);
    }

    @Test
    void updateThatMovesARecordToAnotherPersonLinksItThere() {
        shard.apply(aPerson().from("public-security", "ps1").named("李娜").withId(ID_A));
        shard.apply(aPerson().from("public-security", "ps2").named("张伟").withId(ID_B));
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID_A));

        ResolveResult result = shard.apply(aPerson().from("health", "h1").named("张伟").withId(ID_B));

        assertThat(shard.personOf("health", "h1")).isEqualTo(shard.personOf("public-security", "ps2"));
        PersonLink link = linkOf(result, "h1");
        assertThat(link.getRule()).isEqualTo(MatchRule.SAME_ID);
        assertThat(link.getPreviousPersonId()).isEqualTo(shard.personOf("public-security", "ps1"));
    }

    @Test
    void splitKeepsTheIdForTheLargestPart() {
        // Two groups bridged by one record without ID: 李娜 with ID_A (two records) and 李娜 with no ID but phone.
        shard.apply(aPerson().from("public-security", "ps1").named("李娜").withId(ID_A));
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID_A));
        shard.apply(aPerson().from("civil-affairs", "c1").named("李娜"));
        shard.apply(aPerson().from("party", "p1").named("李娜"));
        shard.apply(aPerson().from("grid", "g1").named("李娜"));
        String pid = shard.personOf("public-security", "ps1");
        assertThat(shard.clusters()).hasSize(1);

        // The ID-holders are renamed: they no longer match the three records without ID, which stay together.
        shard.apply(aPerson().from("public-security", "ps1").named("李丽").withId(ID_A));
        ResolveResult result = shard.apply(aPerson().from("health", "h1").named("李丽").withId(ID_A));

        assertThat(shard.clusters()).hasSize(2);
        assertThat(shard.personOf("civil-affairs", "c1")).isEqualTo(pid);
        assertThat(shard.personOf("party", "p1")).isEqualTo(pid);
        assertThat(shard.personOf("grid", "g1")).isEqualTo(pid);
        assertThat(shard.personOf("health", "h1")).isNotEqualTo(pid)
                .isEqualTo(shard.personOf("public-security", "ps1"));
        assertThat(linkOf(result, "h1").getRule()).isIn(MatchRule.SPLIT, MatchRule.SAME_ID);
    }

    @Test
    void removingABridgeSplitsByConnectedComponents() {
        // c1 and p1 match only through nothing; the bridge is a pinyin-free chain: use IDs.
        shard.apply(aPerson().from("civil-affairs", "c1").named("李娜"));
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID_A));
        shard.apply(aPerson().from("public-security", "ps1").named("李娜拉").withId(ID_A));
        shard.apply(aPerson().from("party", "p1").named("李娜拉"));
        String pid = shard.personOf("civil-affairs", "c1");
        assertThat(shard.clusters()).hasSize(1);

        ResolveResult result = shard.apply(aPerson().from("health", "h1").deleted());

        // Left: c1 alone, and ps1+p1 (larger part keeps the id).
        assertThat(shard.clusters()).hasSize(2);
        assertThat(shard.personOf("public-security", "ps1")).isEqualTo(pid);
        assertThat(shard.personOf("party", "p1")).isEqualTo(pid);
        String split = shard.personOf("civil-affairs", "c1");
        assertThat(split).isNotEqualTo(pid);
        PersonLink link = linkOf(result, "c1");
        assertThat(link.getRule()).isEqualTo(MatchRule.SPLIT);
        assertThat(link.getPreviousPersonId()).isEqualTo(pid);
        assertThat(linkOf(result, "h1").getRule()).isEqualTo(MatchRule.WITHDRAWN);
    }

    // ---- deletes

    @Test
    void deleteWithdrawsOnlyThatSourcesContribution() {
        shard.apply(aPerson().from("public-security", "ps1").named("李娜").withId(ID_A).phones("13800000001"));
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID_A).phones("13900000002"));
        String pid = shard.personOf("public-security", "ps1");

        ResolveResult result = shard.apply(aPerson().from("health", "h1").deleted());

        PersonLink link = linkOf(result, "h1");
        assertThat(link.getPersonId()).isNull();
        assertThat(link.getPreviousPersonId()).isEqualTo(pid);
        assertThat(link.getRule()).isEqualTo(MatchRule.WITHDRAWN);
        GoldenPerson golden = goldenOf(result, pid);
        assertThat(golden.getStatus()).isEqualTo(PersonStatus.ACTIVE);
        assertThat(golden.getSources()).extracting(p -> p.getSourceKey()).containsExactly("ps1");
        assertThat(golden.getPhones()).extracting(t -> t.getValue()).containsExactly("13800000001");
    }

    @Test
    void deletingTheLastRecordRetiresThePerson() {
        shard.apply(aPerson().from("health", "h1").named("李娜"));
        String pid = shard.personOf("health", "h1");

        ResolveResult result = shard.apply(aPerson().from("health", "h1").deleted());

        assertThat(goldenOf(result, pid).getStatus()).isEqualTo(PersonStatus.RETIRED);
        assertThat(shard.personOf("health", "h1")).isNull();
        assertThat(shard.apply(aPerson().from("health", "h1").deleted()).isEmpty()).isTrue();
    }

    @Test
    void deleteOfAnUnknownRecordPublishesNothing() {
        assertThat(shard.apply(aPerson().from("health", "nope").deleted()).isEmpty()).isTrue();
    }

    @Test
    void recordReturningAfterDeleteGetsAFreshIdNotTheRetiredOne() {
        shard.apply(aPerson().from("health", "h1").named("李娜"));
        String retired = shard.personOf("health", "h1");
        shard.apply(aPerson().from("health", "h1").deleted());

        shard.apply(aPerson().from("health", "h1").named("李娜"));

        assertThat(shard.personOf("health", "h1")).isNotNull().isNotEqualTo(retired);
    }

    @Test
    void removingTheIdThatKeptTwoPersonsApartLetsThemMerge() {
        shard.apply(aPerson().from("public-security", "ps1").named("李娜").withId(ID_A));
        shard.apply(aPerson().from("health", "h2").named("李娜").withId(ID_B));
        shard.apply(aPerson().from("civil-affairs", "c1").named("李娜"));
        String a = shard.personOf("public-security", "ps1");
        String b = shard.personOf("health", "h2");
        assertThat(shard.clusters()).hasSize(2);

        ResolveResult result = shard.apply(aPerson().from("health", "h2").named("李娜"));

        assertThat(shard.clusters()).hasSize(1);
        assertThat(shard.personOf("health", "h2")).isEqualTo(a);
        assertThat(goldenOf(result, b).getStatus()).isEqualTo(PersonStatus.MERGED);
        assertThat(result.conflicts()).anySatisfy(c -> {
            assertThat(c.getKind()).isEqualTo(ConflictKind.POSSIBLE_MATCH);
            assertThat(c.getStatus()).isEqualTo(ConflictStatus.WITHDRAWN);
        });
    }

    // ---- possible matches and reviewer decisions

    @Test
    void reviewVerdictRaisesAPossibleMatchWithAStableId() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("李晓").pinyin("li xiao"));
        ResolveResult result = shard.apply(aPerson().from("health", "h1").named("李小").pinyin("li xiao"));

        String a = shard.personOf("civil-affairs", "c1");
        String b = shard.personOf("health", "h1");
        assertThat(a).isNotEqualTo(b);
        Conflict conflict = result.conflicts().get(0);
        assertThat(conflict.getKind()).isEqualTo(ConflictKind.POSSIBLE_MATCH);
        String lo = a.compareTo(b) < 0 ? a : b;
        String hi = lo.equals(a) ? b : a;
        assertThat(conflict.getConflictId()).isEqualTo("PM/" + lo + "/" + hi);
        assertThat(conflict.getPersonId()).isEqualTo(lo);
        assertThat(conflict.getOtherPersonId()).isEqualTo(hi);
        assertThat(conflict.getScore()).isEqualTo(0.6);
        assertThat(conflict.getEvidence()).isNotEmpty();

        ResolveResult unrelated = shard.apply(aPerson().from("health", "h1").named("李小").pinyin("li xiao")
                .phones("13800000001"));
        assertThat(unrelated.conflicts()).isEmpty();
    }

    @Test
    void possibleMatchIsWithdrawnWhenTheDataNoLongerSuggestsIt() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("李晓").pinyin("li xiao"));
        shard.apply(aPerson().from("health", "h1").named("李小").pinyin("li xiao"));

        ResolveResult result = shard.apply(aPerson().from("health", "h1").named("王芳"));

        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.getKind()).isEqualTo(ConflictKind.POSSIBLE_MATCH);
            assertThat(c.getStatus()).isEqualTo(ConflictStatus.WITHDRAWN);
        });
        assertThat(shard.store.persons().get(shard.personOf("civil-affairs", "c1")).conflicts()).isEmpty();
    }

    @Test
    void reviewerSayingSameMergesThePersonsAndResolvesTheConflict() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("李晓").pinyin("li xiao"));
        shard.apply(aPerson().from("health", "h1").named("李小").pinyin("li xiao"));
        String older = shard.personOf("civil-affairs", "c1");
        String younger = shard.personOf("health", "h1");

        ResolveResult result = shard.decide(younger, older, ReviewDecision.SAME);

        assertThat(shard.personOf("health", "h1")).isEqualTo(older);
        assertThat(goldenOf(result, younger).getMergedInto()).isEqualTo(older);
        assertThat(linkOf(result, "h1").getRule()).isEqualTo(MatchRule.REVIEWED_SAME);
        assertThat(result.conflicts()).anySatisfy(c -> {
            assertThat(c.getKind()).isEqualTo(ConflictKind.POSSIBLE_MATCH);
            assertThat(c.getStatus()).isEqualTo(ConflictStatus.RESOLVED);
        });

        // The decision holds when a record changes afterwards.
        shard.apply(aPerson().from("health", "h1").named("李小").pinyin("li xiao").phones("13800000001"));
        assertThat(shard.personOf("health", "h1")).isEqualTo(older);
    }

    @Test
    void reviewerSayingDifferentKeepsThemApartFromThenOn() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("李晓").pinyin("li xiao"));
        shard.apply(aPerson().from("health", "h1").named("李小").pinyin("li xiao"));
        String a = shard.personOf("civil-affairs", "c1");
        String b = shard.personOf("health", "h1");

        ResolveResult result = shard.decide(a, b, ReviewDecision.DIFFERENT);
        assertThat(result.conflicts()).singleElement()
                .satisfies(c -> assertThat(c.getStatus()).isEqualTo(ConflictStatus.RESOLVED));

        // Now the names become equal: the matcher would say MATCH, the reviewer's decision wins.
        ResolveResult later = shard.apply(aPerson().from("health", "h1").named("李晓").pinyin("li xiao"));
        assertThat(shard.personOf("health", "h1")).isEqualTo(b);
        assertThat(shard.personOf("civil-affairs", "c1")).isEqualTo(a);
        assertThat(later.conflicts()).isEmpty();
    }

    @Test
    void decisionFollowsMergeRedirectsAndIsHarmlessWhenReplayed() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("李娜"));
        shard.apply(aPerson().from("public-security", "ps1").named("李娜拉").withId(ID_A));
        String merged = shard.personOf("public-security", "ps1");
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID_A));
        shard.apply(aPerson().from("party", "p1").named("李那").pinyin("li na"));
        String other = shard.personOf("party", "p1");

        ResolveResult result = shard.decide(merged, other, ReviewDecision.SAME);

        assertThat(shard.personOf("party", "p1")).isEqualTo(shard.personOf("civil-affairs", "c1"));
        assertThat(result.links()).extracting(PersonLink::getSourceKey).containsExactly("p1");
        assertThat(shard.decide(merged, other, ReviewDecision.SAME).isEmpty()).isTrue();
        assertThatThrownBy(() -> shard.decide(merged, other, ReviewDecision.DIFFERENT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordDecisionDifferentSeparatesTwoRecordsOfOnePersonForGood() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("王芳"));
        shard.apply(aPerson().from("health", "h1").named("王芳"));
        shard.apply(aPerson().from("party", "p1").named("王芳"));
        String pid = shard.personOf("civil-affairs", "c1");

        ResolveResult result = shard.resolver.decideRecords("health/h1", "party/p1", ReviewDecision.DIFFERENT);

        assertThat(shard.personOf("civil-affairs", "c1")).isEqualTo(pid);
        assertThat(shard.personOf("health", "h1")).isEqualTo(pid);
        String moved = shard.personOf("party", "p1");
        assertThat(moved).isNotEqualTo(pid);
        assertThat(linkOf(result, "p1").getPreviousPersonId()).isEqualTo(pid);
        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.getKind()).isEqualTo(ConflictKind.POSSIBLE_MATCH);
            assertThat(c.getStatus()).isEqualTo(ConflictStatus.OPEN);
        });

        shard.apply(aPerson().from("party", "p1").named("王芳").phones("13800000001"));
        assertThat(shard.personOf("party", "p1")).isEqualTo(moved);
        assertThat(shard.resolver.decideRecords("health/h1", "party/p1", ReviewDecision.DIFFERENT).isEmpty()).isTrue();
    }

    @Test
    void recordDecisionSameMergesTheirPersons() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("李晓").pinyin("li xiao"));
        shard.apply(aPerson().from("health", "h1").named("李小").pinyin("li xiao"));
        String older = shard.personOf("civil-affairs", "c1");

        ResolveResult result = shard.resolver.decideRecords("health/h1", "civil-affairs/c1", ReviewDecision.SAME);

        assertThat(shard.personOf("health", "h1")).isEqualTo(older);
        assertThat(linkOf(result, "h1").getRule()).isEqualTo(MatchRule.REVIEWED_SAME);
        assertThat(result.conflicts()).singleElement()
                .satisfies(c -> assertThat(c.getStatus()).isEqualTo(ConflictStatus.RESOLVED));
    }

    @Test
    void linksAndResolvedConflictCarryTheDecisionThatCausedThem() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("李晓").pinyin("li xiao"));
        shard.apply(aPerson().from("health", "h1").named("李小").pinyin("li xiao"));

        ResolveResult result = shard.resolver.decideRecords("health/h1", "civil-affairs/c1", ReviewDecision.SAME, "d-1");

        assertThat(linkOf(result, "h1").getDecisionId()).isEqualTo("d-1");
        assertThat(result.conflicts()).singleElement().satisfies(c -> assertThat(c.getDecisionId()).isEqualTo("d-1"));

        // Withdrawn and sent again (as a record that left the shard and came back is): placed anew, the link
        // still names the decision that keeps the pair together.
        shard.apply(aPerson().from("health", "h1").deleted());
        ResolveResult back = shard.apply(aPerson().from("health", "h1").named("李小").pinyin("li xiao"));
        assertThat(linkOf(back, "h1").getRule()).isEqualTo(MatchRule.REVIEWED_SAME);
        assertThat(linkOf(back, "h1").getDecisionId()).isEqualTo("d-1");
    }

    @Test
    void reviewersSamePairIsNoCandidateWhileTheRecordsAreInDifferentShards() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("李晓").pinyin("li xiao"));
        shard.apply(aPerson().from("health", "h1").named("李小").pinyin("li xiao"));
        shard.resolver.decideRecords("health/h1", "civil-affairs/c1", ReviewDecision.SAME, "d-1");

        // The health record's birth date changes: the router retracts it and sends it to another shard (id scope),
        // which this store holds too; the reviewer's pair must not follow it there.
        shard.apply(aPerson().from("health", "h1").deleted());
        shard.apply(aPerson().from("health", "h1").named("李小").pinyin("li xiao").born("1985-03-03"));

        assertThat(shard.personOf("health", "h1")).isNotEqualTo(shard.personOf("civil-affairs", "c1"));
    }

    @Test
    void decisionOnAnUnknownPersonIsRefused() {
        shard.apply(aPerson().from("health", "h1").named("李娜"));
        String pid = shard.personOf("health", "h1");

        assertThatThrownBy(() -> shard.decide(pid, "P000", ReviewDecision.SAME))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- field disagreements

    @Test
    void membersDisagreeingOnAFieldRaiseAConflictWithEveryCandidate() {
        shard.apply(aPerson().from("public-security", "ps1").named("李娜").withId(ID_A).female()
                .livingAt("长青社区阳光花园3-2-401", "G1"));
        ResolveResult result = shard.apply(aPerson().from("civil-affairs", "c1").named("李娜").withId(ID_A).male()
                .livingAt("长青社区阳光花园3-2-401", "G1"));

        String pid = shard.personOf("public-security", "ps1");
        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.getKind()).isEqualTo(ConflictKind.FIELD_DISAGREEMENT);
            assertThat(c.getConflictId()).isEqualTo(pid + "/gender");
            assertThat(c.getField()).isEqualTo("gender");
            assertThat(c.getPersonId()).isEqualTo(pid);
            assertThat(c.getGrid().getGrid()).isEqualTo("G1");
            assertThat(c.getCandidates()).extracting(v -> v.getValue() + "@" + v.getProvenance().getConnector())
                    .containsExactly("1@civil-affairs", "2@public-security");
        });
    }

    @Test
    void reviewersChoiceOfTheRightValueWinsTheGoldenFieldAndResolvesTheDisagreement() {
        shard.apply(aPerson().from("public-security", "ps1").named("李娜").withId(ID_A).livingAt("阳光花园3-2-401", "G3")
                .changedAt("2025-01-01T00:00:00Z"));
        shard.apply(aPerson().from("civil-affairs", "c1").named("李娜").withId(ID_A).livingAt("阳光花园5-1-101", "G5")
                .changedAt("2024-01-01T00:00:00Z"));
        String pid = shard.personOf("public-security", "ps1");
        assertThat(shard.golden(pid).getAddress().getValue().getNormalized()).as("recency first").isEqualTo("阳光花园3-2-401");

        ResolveResult result = shard.resolver.chooseValue("civil-affairs/c1", "address", "阳光花园5-1-101", "d-7");

        GoldenPerson golden = goldenOf(result, pid);
        assertThat(golden.getAddress().getValue().getNormalized()).isEqualTo("阳光花园5-1-101");
        assertThat(golden.getAddress().getProvenance().getDecisionId()).isEqualTo("d-7");
        assertThat(golden.getGrid().getGrid()).isEqualTo("G5");
        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.getConflictId()).isEqualTo(pid + "/address");
            assertThat(c.getStatus()).isEqualTo(ConflictStatus.RESOLVED);
            assertThat(c.getDecisionId()).isEqualTo("d-7");
        });
        assertThat(shard.resolver.chooseValue("civil-affairs/c1", "address", "阳光花园5-1-101", "d-7").isEmpty()).isTrue();

        // A newer record with a value the reviewer did not see raises the question again; the choice still stands.
        ResolveResult later = shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID_A)
                .livingAt("阳光花园9-9-909", "G9").changedAt("2026-01-01T00:00:00Z"));
        assertThat(later.conflicts()).singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo(ConflictStatus.OPEN));
        assertThat(shard.golden(pid).getAddress().getValue().getNormalized()).isEqualTo("阳光花园5-1-101");

        // The chosen record changes its address: the choice no longer stands, survivorship decides again.
        shard.apply(aPerson().from("civil-affairs", "c1").named("李娜").withId(ID_A).livingAt("阳光花园5-1-102", "G5")
                .changedAt("2024-02-01T00:00:00Z"));
        assertThat(shard.golden(pid).getAddress().getValue().getNormalized()).isEqualTo("阳光花园9-9-909");
    }

    @Test
    void choiceOfAValueTheRecordNoLongerHoldsIsRefused() {
        shard.apply(aPerson().from("public-security", "ps1").named("李娜").withId(ID_A).livingAt("阳光花园3-2-401", null));

        assertThatThrownBy(() -> shard.resolver.chooseValue("public-security/ps1", "address", "阳光花园5-1-101", "d-8"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> shard.resolver.chooseValue("public-security/ps1", "phones", "13800000001", "d-9"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fieldConflictIsWithdrawnWhenTheSourcesAgreeAgain() {
        shard.apply(aPerson().from("public-security", "ps1").named("李娜").withId(ID_A).livingAt("阳光花园3-2-401", null));
        shard.apply(aPerson().from("civil-affairs", "c1").named("李娜").withId(ID_A).livingAt("阳光花园5-1-101", null));
        String pid = shard.personOf("public-security", "ps1");
        assertThat(shard.store.conflicts().get(pid + "/address")).isNotNull();

        ResolveResult result = shard.apply(aPerson().from("civil-affairs", "c1").named("李娜").withId(ID_A)
                .livingAt("阳光花园3-2-401", null));

        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.getConflictId()).isEqualTo(pid + "/address");
            assertThat(c.getStatus()).isEqualTo(ConflictStatus.WITHDRAWN);
        });
        assertThat(shard.store.conflicts().get(pid + "/address")).isNull();
    }

    @Test
    void statedBirthDateDisagreeingWithTheIdNumberRaisesAConflictUntilCorrected() {
        ResolveResult result = shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID_A)
                .born("1985-03-12").flagged("BIRTH_DATE_DISAGREES_WITH_ID"));

        String pid = shard.personOf("health", "h1");
        assertThat(result.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.getKind()).isEqualTo(ConflictKind.ID_DISAGREES_WITH_RECORD);
            assertThat(c.getConflictId()).isEqualTo(pid + "/birthDate-vs-id");
            assertThat(c.getCandidates()).extracting(v -> v.getValue()).containsExactly("1985-03-12", "1985-03-02");
        });

        ResolveResult corrected = shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID_A).born("1985-03-02"));
        assertThat(corrected.conflicts()).singleElement()
                .satisfies(c -> assertThat(c.getStatus()).isEqualTo(ConflictStatus.WITHDRAWN));
    }

    @Test
    void conflictsOfAMergedPersonAreWithdrawn() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("李娜").female());
        shard.apply(aPerson().from("public-security", "ps1").named("李娜拉").withId(ID_A));
        shard.apply(aPerson().from("health", "h1").named("李娜拉").withId(ID_A).male());
        shard.apply(aPerson().from("public-security", "ps2").named("李娜拉").withId(ID_A).female());
        String younger = shard.personOf("public-security", "ps1");
        assertThat(shard.store.conflicts().get(younger + "/gender")).isNotNull();

        ResolveResult result = shard.apply(aPerson().from("grid", "g1").named("李娜").withId(ID_A));

        assertThat(result.conflicts()).anySatisfy(c -> {
            assertThat(c.getConflictId()).isEqualTo(younger + "/gender");
            assertThat(c.getStatus()).isEqualTo(ConflictStatus.WITHDRAWN);
        });
        String survivor = shard.personOf("grid", "g1");
        assertThat(shard.store.conflicts().get(survivor + "/gender")).isNotNull();
    }
}

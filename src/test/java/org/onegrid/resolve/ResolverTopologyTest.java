package org.onegrid.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.testing.SourcePersonBuilder.aPerson;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.backbone.Topics;
import org.onegrid.resolve.cluster.Survivorship;
import org.onegrid.resolve.match.ScoringMatcher;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.ConflictKind;
import org.onegrid.schema.ConflictStatus;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.MatchRule;
import org.onegrid.schema.PersonLink;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.RecordRef;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.ReviewScope;
import org.onegrid.schema.ReviewVerdict;
import org.onegrid.schema.ReviewerDecision;
import org.onegrid.schema.SourcePerson;

/** The resolver's topology end to end, on Streams' test driver: source records in, golden table and links out. */
class ResolverTopologyTest {

    /** Longer than the sweep interval the driver's topology runs with. */
    private static final Duration SWEEP = ResolverTopology.DEFAULT_SWEEP_INTERVAL.plusSeconds(1);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, SourcePerson> source;
    private TestOutputTopic<String, GoldenPerson> golden;
    private TestOutputTopic<String, PersonLink> links;
    private TestOutputTopic<String, Conflict> conflicts;
    private TestOutputTopic<String, RejectedRecord> rejected;
    private TestInputTopic<String, ReviewerDecision> decisions;

    @BeforeEach
    void start() {
        driver = newDriver(stateDir.resolve("a"));
        source = driver.createInputTopic(Topics.SOURCE.name(), new StringSerializer(), Topics.SOURCE.valueSerde(SourcePerson.class));
        golden = driver.createOutputTopic(Topics.GOLDEN.name(), new StringDeserializer(), Topics.GOLDEN.valueSerde(GoldenPerson.class));
        links = driver.createOutputTopic(Topics.LINKS.name(), new StringDeserializer(), Topics.LINKS.valueSerde(PersonLink.class));
        conflicts = driver.createOutputTopic(Topics.CONFLICTS.name(), new StringDeserializer(),
                Topics.CONFLICTS.valueSerde(Conflict.class));
        rejected = driver.createOutputTopic(Topics.rejected(Duration.ofDays(1)).name(), new StringDeserializer(),
                Topics.rejected(Duration.ofDays(1)).valueSerde(RejectedRecord.class));
        decisions = driver.createInputTopic(Topics.REVIEW_DECISIONS.name(), new StringSerializer(),
                Topics.REVIEW_DECISIONS.valueSerde(ReviewerDecision.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void mergesOneResidentRecordedByTwoDepartmentsIntoOneGoldenRecord() {
        send(aPerson().from("public-security", "ps-1").named("陈晓明", "chen xiao ming").born("1985-03-02").withIdSequence(101)
                .withPhone("13800138000").build());
        send(aPerson().from("civil-affairs", "ca-9").named("陈小明", "chen xiao ming").born("1985-03-02").withIdSequence(101)
                .livingAt("阳光花园", "3", "2", "401").build());

        Map<String, GoldenPerson> table = goldenTable();
        assertThat(active(table)).hasSize(1);
        GoldenPerson person = active(table).get(0);
        assertThat(person.getSources()).extracting(p -> p.getConnector() + "/" + p.getSourceKey())
                .containsExactlyInAnyOrder("public-security/ps-1", "civil-affairs/ca-9");
        assertThat(person.getAddress().getValue().getEstate()).isEqualTo("阳光花园");
        Map<String, PersonLink> linkTable = linkTable();
        assertThat(linkTable.get("civil-affairs/ca-9").getPersonId()).isEqualTo(person.getPersonId());
        assertThat(linkTable.get("public-security/ps-1").getPersonId()).isEqualTo(person.getPersonId());
    }

    @Test
    void keepsTwinsWithDifferentIdNumbersApart() {
        send(aPerson().from("public-security", "t1").named("王丽", "wang li").born("2001-06-01").female().withIdSequence(102)
                .livingAt("锦绣家园", "5", "1", "201").build());
        send(aPerson().from("public-security", "t2").named("王莉", "wang li").born("2001-06-01").female().withIdSequence(104)
                .livingAt("锦绣家园", "5", "1", "201").build());

        assertThat(active(goldenTable())).hasSize(2);
    }

    @Test
    void findsTheSamePersonWithoutAnIdByNamePhoneAndBirthDate() {
        send(aPerson().from("public-security", "ps-2").named("李娜", "li na").born("1990-11-20").female().withIdSequence(222)
                .withPhone("13912345678").build());
        send(aPerson().from("health", "h-5").named("李娜", "li na").born("1990-11-20").female()
                .withPhone("13912345678").build());

        assertThat(active(goldenTable())).hasSize(1);
    }

    @Test
    void movesARecordToItsNewShardWhenItsBirthDateIsCorrected() {
        send(aPerson().from("public-security", "ps-3").named("张伟", "zhang wei").born("1970-05-06").male().withIdSequence(135)
                .withPhone("13700001111").build());
        send(aPerson().from("health", "h-7").named("张伟", "zhang wei").born("1970-06-05").male().withPhone("13700001111").build());
        assertThat(active(goldenTable())).as("a mistyped birth date puts the record in another shard").hasSize(2);

        send(aPerson().from("health", "h-7").named("张伟", "zhang wei").born("1970-05-06").male().withPhone("13700001111").build());

        Map<String, GoldenPerson> table = goldenTable();
        assertThat(active(table)).hasSize(1);
        assertThat(active(table).get(0).getSources()).hasSize(2);
        assertThat(table.values()).filteredOn(p -> p.getStatus() == PersonStatus.RETIRED).hasSize(1);
    }

    @Test
    void aDeleteWithdrawsOnlyThatDepartmentsContribution() {
        send(aPerson().from("public-security", "ps-4").named("刘洋", "liu yang").born("1988-08-08").withIdSequence(311).build());
        send(aPerson().from("civil-affairs", "ca-4").named("刘洋", "liu yang").born("1988-08-08").withIdSequence(311)
                .withPhone("13600002222").build());

        send(aPerson().from("civil-affairs", "ca-4").deleted().build());

        List<GoldenPerson> people = active(goldenTable());
        assertThat(people).hasSize(1);
        assertThat(people.get(0).getSources()).extracting(p -> p.getConnector()).containsExactly("public-security");
        assertThat(people.get(0).getPhones()).isEmpty();
        assertThat(linkTable().get("civil-affairs/ca-4").getPersonId()).isNull();
    }

    @Test
    void replayingTheSameInputGivesTheSamePersonIds() {
        List<SourcePerson> input = List.of(
                aPerson().from("public-security", "r1").named("赵敏", "zhao min").born("1999-01-15").withIdSequence(402).build(),
                aPerson().from("health", "r2").named("赵敏", "zhao min").born("1999-01-15").withPhone("13500003333").build(),
                aPerson().from("civil-affairs", "r3").named("赵敏", "zhao min").born("1999-01-15").withIdSequence(402)
                        .withPhone("13500003333").build());
        input.forEach(this::send);
        Map<String, GoldenPerson> first = goldenTable();

        try (TopologyTestDriver replay = newDriver(stateDir.resolve("b"))) {
            var replaySource = replay.createInputTopic(Topics.SOURCE.name(), new StringSerializer(),
                    Topics.SOURCE.valueSerde(SourcePerson.class));
            input.forEach(p -> replaySource.pipeInput(p.getConnector() + "/" + p.getSourceKey(), p));
            var replayGolden = replay.createOutputTopic(Topics.GOLDEN.name(), new StringDeserializer(),
                    Topics.GOLDEN.valueSerde(GoldenPerson.class));
            assertThat(replayGolden.readKeyValuesToMap().keySet()).isEqualTo(first.keySet());
        }
    }

    // ---- reviewer decisions

    @Test
    void reviewerSayingSameMergesTwoPersonsTheMatcherOnlySuspected() {
        send(aPerson().from("civil-affairs", "ca-21").named("王伟", "wang wei").born("1980-01-01").male()
                .withPhone("13900000001").livingAt("阳光花园", "3", "2", "401").build());
        send(aPerson().from("health", "h-21").named("王伟", "wang wei").born("1980-01-01").male()
                .withPhone("13900000002").livingAt("锦绣家园", "5", "1", "201").build());
        Conflict question = conflictTable().values().stream()
                .filter(c -> c.getKind() == ConflictKind.POSSIBLE_MATCH).findFirst().orElseThrow();
        assertThat(active(goldenTable())).hasSize(2);

        decide(decision("d-21", "civil-affairs/ca-21", "health/h-21", ReviewVerdict.SAME).setConflictId(question.getConflictId()));

        assertThat(active(goldenTable())).singleElement()
                .satisfies(p -> assertThat(p.getSources()).hasSize(2));
        PersonLink moved = linkTable().values().stream().filter(l -> l.getPreviousPersonId() != null).findFirst().orElseThrow();
        assertThat(moved.getRule()).isEqualTo(MatchRule.REVIEWED_SAME);
        assertThat(moved.getDecisionId()).isEqualTo("d-21");
        assertThat(conflictTable().get(question.getConflictId())).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo(ConflictStatus.RESOLVED);
            assertThat(c.getDecisionId()).isEqualTo("d-21");
        });
    }

    @Test
    void reviewerSayingDifferentSeparatesARecordFromItsPersonForGood() {
        send(aPerson().from("civil-affairs", "ca-22").named("李强", "li qiang").born("1975-04-04").male().build());
        send(aPerson().from("health", "h-22").named("李强", "li qiang").born("1975-04-04").male().build());
        assertThat(active(goldenTable())).hasSize(1);

        decide(decision("d-22", "civil-affairs/ca-22", "health/h-22", ReviewVerdict.DIFFERENT).setScope(ReviewScope.RECORDS));
        send(aPerson().from("health", "h-22").named("李强", "li qiang").born("1975-04-04").male().withPhone("13900000003").build());

        assertThat(active(goldenTable())).hasSize(2);
        Map<String, PersonLink> linkTable = linkTable();
        assertThat(linkTable.get("health/h-22").getPersonId()).isNotEqualTo(linkTable.get("civil-affairs/ca-22").getPersonId());
    }

    @Test
    void decisionArrivingBeforeItsRecordsIsAppliedWhenTheyArrive() {
        decide(decision("d-23", "civil-affairs/ca-23", "health/h-23", ReviewVerdict.SAME));

        send(aPerson().from("civil-affairs", "ca-23").named("王伟", "wang wei").born("1980-01-02").male()
                .withPhone("13900000004").livingAt("阳光花园", "3", "2", "401").build());
        send(aPerson().from("health", "h-23").named("王伟", "wang wei").born("1980-01-02").male()
                .withPhone("13900000005").livingAt("锦绣家园", "5", "1", "201").build());

        assertThat(active(goldenTable())).singleElement().satisfies(p -> assertThat(p.getSources()).hasSize(2));
        assertThat(linkTable().get("health/h-23").getDecisionId()).isEqualTo("d-23");
    }

    @Test
    void sameWithTheRightBirthDateMovesTheMistypedRecordToItsPersonsShard() {
        send(aPerson().from("public-security", "ps-24").named("张伟", "zhang wei").born("1970-05-06").male().withIdSequence(135)
                .withPhone("13700001111").build());
        send(aPerson().from("health", "h-24").named("张伟", "zhang wei").born("1970-06-05").male().withPhone("13700001111").build());
        assertThat(active(goldenTable())).hasSize(2);

        decide(decision("d-24", "public-security/ps-24", "health/h-24", ReviewVerdict.SAME)
                .setField("birthDate").setValue("1970-05-06"));

        Map<String, GoldenPerson> table = goldenTable();
        GoldenPerson person = active(table).get(0);
        assertThat(active(table)).hasSize(1);
        assertThat(person.getSources()).hasSize(2);
        assertThat(table.values()).filteredOn(p -> p.getStatus() == PersonStatus.RETIRED).hasSize(1);
        assertThat(linkTable().get("health/h-24").getPersonId()).isEqualTo(person.getPersonId());

        // The department sends the record again, birth date still mistyped: the correction holds.
        send(aPerson().from("health", "h-24").named("张伟", "zhang wei").born("1970-06-05").male().withPhone("13700001111")
                .withPhone("13700002222").build());
        assertThat(active(goldenTable())).singleElement().satisfies(p -> assertThat(p.getPhones()).hasSize(2));

        // The department changes the birth date itself: its newer word counts, and the record follows it.
        send(aPerson().from("health", "h-24").named("张伟", "zhang wei").born("1971-06-05").male().withPhone("13700001111").build());
        assertThat(active(goldenTable())).hasSize(2);
    }

    @Test
    void reviewerPicksTheRightValueOfAFieldTheDepartmentsDisagreeOn() {
        send(aPerson().from("public-security", "ps-28").named("周敏", "zhou min").born("1982-12-12").withIdSequence(226)
                .livingAt("阳光花园", "3", "2", "401").build());
        send(aPerson().from("civil-affairs", "ca-28").named("周敏", "zhou min").born("1982-12-12").withIdSequence(226)
                .livingAt("锦绣家园", "5", "1", "201").build());
        Conflict question = conflictTable().values().stream()
                .filter(c -> c.getKind() == ConflictKind.FIELD_DISAGREEMENT && "address".equals(c.getField()))
                .findFirst().orElseThrow();
        assertThat(active(goldenTable())).singleElement()
                .satisfies(p -> assertThat(p.getAddress().getValue().getEstate()).isEqualTo("锦绣家园"));

        decide(decision("d-28", "public-security/ps-28", "public-security/ps-28", ReviewVerdict.RIGHT_VALUE)
                .setOtherRecord(null).setConflictId(question.getConflictId())
                .setField("address").setValue("阳光花园|3|2|401"));

        assertThat(active(goldenTable())).singleElement().satisfies(p -> {
            assertThat(p.getAddress().getValue().getEstate()).isEqualTo("阳光花园");
            assertThat(p.getAddress().getProvenance().getDecisionId()).isEqualTo("d-28");
        });
        assertThat(conflictTable().get(question.getConflictId()).getStatus()).isEqualTo(ConflictStatus.RESOLVED);
    }

    @Test
    void rejectsDecisionsThatCannotBeTakenWithAReasonCode() {
        decide(decision("d-25", "civil-affairs/ca-25", "civil-affairs/ca-25", ReviewVerdict.SAME));
        decide(decision("d-26", "civil-affairs/ca-26", "health/h-26", ReviewVerdict.DIFFERENT).setField("birthDate"));
        send(aPerson().from("civil-affairs", "ca-29").named("吴刚", "wu gang").born("1979-09-09").livingAt("阳光花园", "1", "1", "101")
                .build());
        decide(decision("d-29", "civil-affairs/ca-29", "civil-affairs/ca-29", ReviewVerdict.RIGHT_VALUE).setOtherRecord(null)
                .setField("address").setValue("阳光花园|9|9|909"));
        driver.createInputTopic(Topics.REVIEW_DECISIONS.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput("d-27", "{\"verdict\":\"SAME\"}".getBytes(StandardCharsets.UTF_8));

        Map<String, RejectedRecord> rejects = rejected.readKeyValuesToMap();
        assertThat(rejects.get("review/d-25").getReason()).isEqualTo("DECISION_INVALID");
        assertThat(rejects.get("review/d-26").getReason()).isEqualTo("DECISION_INVALID");
        assertThat(rejects.get("review/d-27").getReason()).isEqualTo("DECISION_UNDECODABLE");
        assertThat(rejects.get("review/d-29").getReason()).as("a value the record does not hold")
                .isEqualTo("DECISION_NOT_APPLICABLE");
        assertThat(rejects.values()).allSatisfy(r -> assertThat(r.getConnector()).isEqualTo("review"));
    }

    // ---- the cross-shard sweep

    @Test
    void sweepAsksAboutRecordsOfOnePersonTheShardKeyKeptApartAndNeverMergesThem() {
        send(aPerson().from("public-security", "ps-31").named("张伟", "zhang wei").born("1970-05-06").male().withIdSequence(135)
                .withPhone("13700003333").build());
        send(aPerson().from("health", "h-31").named("张伟", "zhang wei").born("1970-06-05").male().withPhone("13700003333").build());
        Map<String, PersonLink> linkTable = linkTable();

        sweep();

        Conflict question = crossShardQuestions().values().stream().findFirst().orElseThrow();
        assertThat(question.getStatus()).isEqualTo(ConflictStatus.OPEN);
        assertThat(question.getField()).isEqualTo("birthDate");
        assertThat(question.getCandidates()).extracting(c -> c.getValue()).containsExactlyInAnyOrder("1970-05-06", "1970-06-05");
        assertThat(List.of(question.getPersonId(), question.getOtherPersonId())).containsExactlyInAnyOrder(
                linkTable.get("public-security/ps-31").getPersonId(), linkTable.get("health/h-31").getPersonId());
        assertThat(active(goldenTable())).as("asked, not merged").hasSize(2);

        decide(decision("d-31", "public-security/ps-31", "health/h-31", ReviewVerdict.SAME)
                .setConflictId(question.getConflictId()).setField("birthDate").setValue("1970-05-06"));
        sweep();

        assertThat(linkTable().get("health/h-31").getPersonId()).isEqualTo(linkTable.get("public-security/ps-31").getPersonId());
        assertThat(crossShardQuestions().get(question.getConflictId())).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo(ConflictStatus.RESOLVED);
            assertThat(c.getDecisionId()).isEqualTo("d-31");
        });
    }

    @Test
    void sweepWithdrawsItsQuestionWhenTheDepartmentCorrectsTheBirthDate() {
        send(aPerson().from("public-security", "ps-32").named("刘芳", "liu fang").born("1966-02-03").female().withIdSequence(246)
                .withPhone("13700004444").build());
        send(aPerson().from("civil-affairs", "ca-32").named("刘芳", "liu fang").born("1966-03-02").female().withPhone("13700004444").build());
        sweep();
        String id = crossShardQuestions().keySet().iterator().next();

        send(aPerson().from("civil-affairs", "ca-32").named("刘芳", "liu fang").born("1966-02-03").female().withPhone("13700004444").build());
        sweep();

        assertThat(crossShardQuestions().get(id).getStatus()).isEqualTo(ConflictStatus.WITHDRAWN);
        assertThat(active(goldenTable())).as("one person, by the matcher, once in one shard").hasSize(1);
    }

    @Test
    void sweepDoesNotAskAgainAfterAReviewerSaidDifferent() {
        send(aPerson().from("public-security", "ps-33").named("陈静", "chen jing").born("1990-07-08").female().withIdSequence(388)
                .withPhone("13700005555").build());
        send(aPerson().from("health", "h-33").named("陈静", "chen jing").born("1990-08-07").female().withPhone("13700005555").build());
        sweep();
        String id = crossShardQuestions().keySet().iterator().next();

        decide(decision("d-33", "public-security/ps-33", "health/h-33", ReviewVerdict.DIFFERENT).setConflictId(id));
        sweep();
        send(aPerson().from("health", "h-33").named("陈静", "chen jing").born("1990-08-07").female().withPhone("13700005555")
                .withPhone("13800006666").build());
        sweep();

        Map<String, Conflict> after = crossShardQuestions();
        assertThat(after.get(id).getStatus()).isEqualTo(ConflictStatus.RESOLVED);
        assertThat(after.values()).noneMatch(c -> c.getStatus() == ConflictStatus.OPEN);
        assertThat(active(goldenTable())).hasSize(2);
    }

    /** Lets a sweep interval pass, and the sweep take slices until it is through. */
    private void sweep() {
        driver.advanceWallClockTime(SWEEP);
        for (int slice = 0; slice < 20; slice++) {
            driver.advanceWallClockTime(CrossShardSweep.SLICE_EVERY);
        }
    }

    private Map<String, Conflict> crossShardQuestions() {
        Map<String, Conflict> questions = new LinkedHashMap<>();
        conflicts.readKeyValuesToMap().forEach((key, c) -> {
            if (c.getKind() == ConflictKind.CROSS_SHARD_CANDIDATE) {
                questions.put(key, c);
            }
        });
        return questions;
    }

    private static ReviewerDecision.Builder decision(String id, String refA, String refB, ReviewVerdict verdict) {
        return ReviewerDecision.newBuilder()
                .setDecisionId(id)
                .setRecord(recordRef(refA))
                .setOtherRecord(recordRef(refB))
                .setVerdict(verdict)
                .setDecidedBy("reviewer-1")
                .setDecidedAt(Instant.parse("2026-02-01T08:00:00Z"));
    }

    private static RecordRef recordRef(String ref) {
        int slash = ref.indexOf('/');
        return new RecordRef(ref.substring(0, slash), ref.substring(slash + 1));
    }

    private void decide(ReviewerDecision.Builder decision) {
        ReviewerDecision d = decision.build();
        decisions.pipeInput(d.getDecisionId(), d);
    }

    private Map<String, Conflict> conflictTable() {
        return conflicts.readKeyValuesToMap();
    }

    private static TopologyTestDriver newDriver(Path state) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "resolver-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        return new TopologyTestDriver(
                ResolverTopology.build(Sharding.BIRTH_DATE, new ScoringMatcher(), Survivorship.RECENCY_ONLY), config);
    }

    private void send(SourcePerson person) {
        source.pipeInput(person.getConnector() + "/" + person.getSourceKey(), person);
    }

    private Map<String, GoldenPerson> goldenTable() {
        return new LinkedHashMap<>(golden.readKeyValuesToMap());
    }

    private Map<String, PersonLink> linkTable() {
        return links.readKeyValuesToMap();
    }

    private static List<GoldenPerson> active(Map<String, GoldenPerson> table) {
        return table.values().stream().filter(p -> p.getStatus() == PersonStatus.ACTIVE).toList();
    }
}

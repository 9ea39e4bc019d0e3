package org.onegrid.resolve.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.onegrid.resolve.cluster.Shard.aPerson;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.Provenance;

class GoldenRecordTest {

    static final String ID = "36010219850302101X";

    private final Shard shard = new Shard(new Survivorship(Map.of(
            Survivorship.ID_NUMBER, List.of("public-security"),
            Survivorship.ADDRESS, List.of("public-security", "civil-affairs"),
            Survivorship.PHONES, List.of("health"))));

    private GoldenPerson goldenOf(String connector, String sourceKey) {
        return shard.golden(shard.personOf(connector, sourceKey));
    }

    @Test
    void authoritativeConnectorWinsEvenWhenItsValueIsOlder() {
        shard.apply(aPerson().from("public-security", "ps1").named("李娜").withLiftedId(ID)
                .changedAt("2020-01-01T00:00:00Z"));
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID).changedAt("2025-01-01T00:00:00Z"));

        GoldenPerson golden = goldenOf("health", "h1");
        assertThat(golden.getIdNumber().getValue()).isEqualTo(ID);
        assertThat(golden.getIdNumber().getProvenance())
                .isEqualTo(new Provenance("public-security", "ps1", Instant.parse("2020-01-01T00:00:00Z"), null));
    }

    @Test
    void addressFollowsTheAuthorityOrderThenRecency() {
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID).livingAt("阳光花园9-9-909", "G9")
                .changedAt("2025-06-01T00:00:00Z"));
        shard.apply(aPerson().from("civil-affairs", "c1").named("李娜").withId(ID).livingAt("阳光花园3-2-401", "G3")
                .changedAt("2021-01-01T00:00:00Z"));
        shard.apply(aPerson().from("civil-affairs", "c2").named("李娜").withId(ID).livingAt("阳光花园5-1-101", "G5")
                .changedAt("2023-01-01T00:00:00Z"));

        GoldenPerson golden = goldenOf("health", "h1");
        assertThat(golden.getAddress().getValue().getNormalized()).isEqualTo("阳光花园5-1-101");
        assertThat(golden.getAddress().getProvenance().getSourceKey()).isEqualTo("c2");
        assertThat(golden.getGrid().getGrid()).isEqualTo("G5");
    }

    @Test
    void withoutAuthorityTheMostRecentValueWinsBySourceTimeElseIngestTime() {
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID).ethnicity("01")
                .changedAt("2024-01-01T00:00:00Z"));
        shard.apply(aPerson().from("party", "p1").named("李娜").withId(ID).ethnicity("02")
                .ingestedAt("2026-03-01T00:00:00Z"));
        shard.apply(aPerson().from("grid", "g1").named("李娜").withId(ID).ethnicity("03")
                .changedAt("2025-01-01T00:00:00Z"));

        assertThat(goldenOf("health", "h1").getEthnicity().getValue()).isEqualTo("02");
    }

    @Test
    void validIdBreaksTiesBetweenEquallyRecentSources() {
        shard.apply(aPerson().from("health", "h1").named("李娜").withLiftedId(ID).ethnicity("02"));
        shard.apply(aPerson().from("party", "p1").named("李娜").withId(ID).ethnicity("01"));

        assertThat(goldenOf("health", "h1").getEthnicity().getProvenance().getConnector()).isEqualTo("party");
    }

    @Test
    void phonesAreEveryDistinctNumberMostAuthoritativeThenMostRecentFirst() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("李娜").withId(ID).phones("0790-6221234", "13800000001")
                .changedAt("2020-01-01T00:00:00Z"));
        shard.apply(aPerson().from("party", "p1").named("李娜").withId(ID).phones("13700000007")
                .changedAt("2024-01-01T00:00:00Z"));
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID).phones("13800000001")
                .changedAt("2019-01-01T00:00:00Z"));

        GoldenPerson golden = goldenOf("health", "h1");
        assertThat(golden.getPhones()).extracting(t -> t.getValue() + "@" + t.getProvenance().getConnector())
                .containsExactly("13800000001@health", "13700000007@party", "0790-6221234@civil-affairs");
    }

    @Test
    void attributesFromEverySourceAreKeptWithTheirProvenance() {
        shard.apply(aPerson().from("civil-affairs", "c1").named("李娜").withId(ID).withAttribute("low_income", "true"));
        shard.apply(aPerson().from("party", "p1").named("李娜").withId(ID).withAttribute("party_branch", "长青社区第一支部"));

        GoldenPerson golden = goldenOf("party", "p1");
        assertThat(golden.getAttributes())
                .extracting(a -> a.getValue().getName() + "=" + a.getValue().getValue() + "@" + a.getProvenance().getConnector())
                .containsExactly("low_income=true@civil-affairs", "party_branch=长青社区第一支部@party");
        assertThat(golden.getSources()).extracting(Provenance::getSourceKey).containsExactly("c1", "p1");
    }

    @Test
    void genderAndBirthDateCarryProvenanceAndGenderIsTheCode() {
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID).female().born("1985-03-02"));

        GoldenPerson golden = goldenOf("health", "h1");
        assertThat(golden.getGender().getValue()).isEqualTo("2");
        assertThat(golden.getGender().getProvenance().getSourceKey()).isEqualTo("h1");
        assertThat(golden.getBirthDate().getValue()).hasToString("1985-03-02");
        assertThat(golden.getName().getValue()).isEqualTo("李娜");
        assertThat(golden.getStatus()).isEqualTo(PersonStatus.ACTIVE);
    }

    @Test
    void versionIncreasesByOneWithEveryPublishedChangeOnly() {
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID));
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID).phones("13800000001"));
        shard.apply(aPerson().from("health", "h1").named("李娜").withId(ID).phones("13800000001"));
        shard.apply(aPerson().from("party", "p1").named("李娜").withId(ID));

        List<Long> versions = shard.published.stream().flatMap(r -> r.goldens().stream())
                .map(GoldenPerson::getVersion).toList();
        assertThat(versions).containsExactly(1L, 2L, 3L);
    }

    @Test
    void survivorshipConfigReportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> new Survivorship(Map.of("adress", List.of("civil-affairs"), "phones", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("survivorship: adress: unknown field")
                .hasMessageContaining("survivorship: phones: no connectors listed");
    }

    @Test
    void personStateSurvivesItsByteCodec() {
        PersonState state = new PersonState("P1", PersonStatus.MERGED, "P0", 42, List.of("b/2", "a/1"), List.of("P1/gender"));

        assertThat(PersonState.fromBytes(state.toBytes())).isEqualTo(state);
        PersonState active = PersonState.created("P2", 7, List.of("x/1"));
        assertThat(PersonState.fromBytes(active.toBytes())).isEqualTo(active);
    }
}

package org.onegrid.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onegrid.testing.GoldenPersonBuilder.aGoldenPerson;
import static org.onegrid.testing.TestSubscribers.CHANGQING_1;
import static org.onegrid.testing.TestSubscribers.NANHU_1;
import static org.onegrid.testing.TestSubscribers.SHENGLI_1;

import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onegrid.schema.Attribute;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonView;
import org.onegrid.testing.GoldenPersonBuilder;
import org.onegrid.testing.TestSubscribers;

/** The worked examples of docs/security.md: one golden record, three subscribers, three different views. */
class SubscriberViewTest {

    private static Subscribers subscribers;

    @BeforeAll
    static void load() {
        subscribers = TestSubscribers.load();
    }

    private static GoldenPersonBuilder chen() {
        return aGoldenPerson("P1").named("陈晓明").withId("36050219850302123X").female().born("1985-03-02")
                .withPhone("13812345678").withPhone("0790-6221234")
                .withAttribute("elderly", "general", "false")
                .withAttribute("party_branch", "party", "第一支部")
                .withAttribute("chronic_conditions", "health", "高血压")
                .withAttribute("subsidy_type", "subsidy", "低保")
                .withAttribute("key_person", "key-person", "true");
    }

    private static PersonView view(String subscriber, GoldenPerson golden) {
        return subscribers.byId(subscriber).orElseThrow().view(golden).orElseThrow();
    }

    @Test
    void loadsEveryExampleSubscriber() {
        assertThat(subscribers.all()).extracting(Subscriber::id).containsExactlyElementsOf(TestSubscribers.IDS);
    }

    @Test
    void streetOfficeSeesItsStreetWithIdNumbersAndPhonesMasked() {
        PersonView view = view("street-office", chen().in(CHANGQING_1, "长青社区", "阳光花园", "3").build());

        assertThat(view.getName()).isEqualTo("陈晓明");
        assertThat(view.getIdNumber()).isEqualTo("360502********123X");
        assertThat(view.getPhones()).containsExactly("138****5678", "0790-***1234");
        assertThat(view.getAddress().getRoom()).isEqualTo("401");
        assertThat(view.getBirthDate()).isEqualTo(LocalDate.of(1985, 3, 2));
        assertThat(view.getMasked()).containsExactly("idNumber", "phones");
        assertThat(view.getSources()).isEmpty();
    }

    @Test
    void wildcardGroupNeverGrantsASensitiveGroup() {
        PersonView view = view("street-office", chen().in(SHENGLI_1, "胜利社区", "锦绣家园", "1").build());

        assertThat(view.getAttributes()).extracting(Attribute::getName).containsExactly("elderly", "party_branch");
    }

    @Test
    void streetOfficeDoesNotSeeAnotherStreet() {
        GoldenPerson elsewhere = chen().in(NANHU_1, "南湖社区", "南湖小区", "1").build();

        assertThat(subscribers.byId("street-office").orElseThrow().view(elsewhere)).isEmpty();
    }

    @Test
    void communityDashboardSeesMaskedNamesBirthYearsAndNoIdentifiers() {
        PersonView view = view("community-dashboard", chen().in(CHANGQING_1, "长青社区", "阳光花园", "3").build());

        assertThat(view.getName()).isEqualTo("陈*明");
        assertThat(view.getBirthDate()).isNull();
        assertThat(view.getBirthYear()).isEqualTo(1985);
        assertThat(view.getIdNumber()).isNull();
        assertThat(view.getPhones()).isEmpty();
        assertThat(view.getAddress().getText()).isEqualTo("长青社区阳光花园");
        assertThat(view.getAddress().getBuilding()).isNull();
        assertThat(view.getGrid().getGrid()).isEqualTo(CHANGQING_1.getGrid());
        assertThat(view.getAttributes()).extracting(Attribute::getName).containsExactly("elderly");
        assertThat(view.getMasked()).containsExactlyInAnyOrder("name", "birthDate", "address");
    }

    @Test
    void communityDashboardDoesNotSeeTheNextCommunityOfItsStreet() {
        assertThat(subscribers.byId("community-dashboard").orElseThrow()
                .view(chen().in(SHENGLI_1, "胜利社区", "锦绣家园", "1").build())).isEmpty();
    }

    @Test
    void healthDepartmentSeesTheWholeCityAndHealthButNotSubsidiesOrParty() {
        PersonView view = view("health-department", chen().in(NANHU_1, "南湖社区", "南湖小区", "1").build());

        assertThat(view.getIdNumber()).isEqualTo("36050219850302123X");
        assertThat(view.getPhones()).containsExactly("13812345678", "0790-6221234");
        assertThat(view.getAttributes()).extracting(Attribute::getName).containsExactly("chronic_conditions");
        assertThat(view.getSources()).extracting(p -> p.getConnector()).containsExactly("public-security");
        assertThat(view.getMasked()).isEmpty();
    }

    @Test
    void cityScopeIncludesAPersonTheRegisterCouldNotPlace() {
        GoldenPerson unplaced = chen().in(null, "", "某小区", "1").build();

        assertThat(subscribers.byId("health-department").orElseThrow().view(unplaced)).isPresent();
        assertThat(subscribers.byId("street-office").orElseThrow().view(unplaced)).isEmpty();
    }

    @Test
    void aMergedIdIsInNobodysView() {
        GoldenPerson merged = chen().in(CHANGQING_1, "长青社区", "阳光花园", "3").mergedInto("P2").build();

        for (Subscriber subscriber : subscribers.all()) {
            assertThat(subscriber.view(merged)).as(subscriber.id()).isEmpty();
        }
    }

    @Test
    void findsASubscriberByItsApiKeyOnly() {
        String key = TestSubscribers.apiKeys().get("street-office");

        assertThat(subscribers.byApiKey(key)).map(Subscriber::id).contains("street-office");
        assertThat(subscribers.byApiKey(key + "x")).isEmpty();
        assertThat(subscribers.byApiKey("")).isEmpty();
    }
}

package org.onegrid.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.config.ConfigProblem;
import org.onegrid.config.ConfigProblemsException;
import org.onegrid.testing.TestSubscribers;

/** Subscriber files are checked completely at start-up: every problem, where it is, and its fix. */
class SubscriberFilesTest {

    @TempDir
    Path dir;

    private List<String> problems(String fileName, String yaml) throws IOException {
        Files.writeString(dir.resolve(fileName), yaml);
        try {
            Subscribers.load(dir, TestSubscribers.register(), TestSubscribers.SENSITIVE);
            return List.of();
        } catch (ConfigProblemsException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
    }

    private static String key(String id) {
        return "${file:" + TestSubscribers.SECRETS.resolve(id + ".key") + "}";
    }

    @Test
    void acceptsAMinimalSubscriber() throws IOException {
        TestSubscribers.apiKeys();
        assertThat(problems("wall.yaml", "api: { key: '" + key("street-office") + "' }\nscope: { grids: ['360502001001001'] }\n"
                + "fields: { grid: show }\n")).isEmpty();
    }

    @Test
    void readsConsoleRolesAndRefusesUnknownOnesAndRolesWithoutASignIn() throws IOException {
        TestSubscribers.apiKeys();
        Files.writeString(dir.resolve("staff.yaml"), "api: { key: '" + key("street-office") + "' }\n"
                + "scope: { grids: ['360502001001001'] }\nfields: { grid: show }\nroles: [reviewer, operator]\n");
        Subscriber staff = Subscribers.load(dir, TestSubscribers.register(), TestSubscribers.SENSITIVE).byId("staff").orElseThrow();
        assertThat(staff.may(ConsoleRole.REVIEWER)).isTrue();
        assertThat(staff.may(ConsoleRole.OPERATOR)).isTrue();
        Files.delete(dir.resolve("staff.yaml"));

        assertThat(problems("typo.yaml", "api: { key: '" + key("street-office") + "' }\n"
                + "scope: { grids: ['360502001001001'] }\nfields: { grid: show }\nroles: [reviewr]\n"))
                .singleElement().asString().contains("typo.yaml: roles: unknown role 'reviewr'").contains("use reviewer or operator");
        Files.delete(dir.resolve("typo.yaml"));
        assertThat(problems("dashboard.yaml", "kafka: { principal: wall }\nscope: { city: true }\nfields: { grid: show }\nroles: [operator]\n"))
                .singleElement().asString().contains("dashboard.yaml: roles: roles are for the operations console")
                .contains("give it an api.key or an api.jwt-subject");
    }

    @Test
    void aSubscriberDefinedInTwoFoldersIsAProblem() throws IOException {
        Path other = Files.createDirectories(dir.resolve("more"));
        String yaml = "kafka: { principal: wall }\nscope: { city: true }\nfields: { grid: show }\n";
        Files.writeString(dir.resolve("wall.yaml"), yaml);
        Files.writeString(other.resolve("wall.yaml"), yaml.replace("wall }", "wall2 }"));

        assertThatThrownBy(() -> Subscribers.load(List.of(dir, other), TestSubscribers.register(), TestSubscribers.SENSITIVE))
                .isInstanceOf(ConfigProblemsException.class).hasMessageContaining("subscriber wall is also defined in");
    }

    @Test
    void reportsUnknownKeysFieldsAndActionsWithSuggestions() throws IOException {
        List<String> problems = problems("typos.yaml", """
                kafka: { principal: wall }
                scope: { communitys: ["360502001001"], grids: ["360502001001001"] }
                fields: { phone: mask, gender: hide, name: show }
                feilds: { grid: show }
                """);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("typos.yaml: scope.communitys: unknown key.",
                "did you mean communities?"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("fields.phone: unknown field.", "did you mean phones?"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("fields.gender: 'hide' is no action.", "show, mask or drop"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("feilds: unknown key.", "did you mean fields?"));
        assertThat(problems).hasSize(4);
    }

    @Test
    void refusesMaskWhereItMeansNothing() throws IOException {
        List<String> problems = problems("masks.yaml", """
                kafka: { principal: wall }
                scope: { city: true }
                fields: { gender: mask, name: mask }
                groups: { party: mask }
                """);

        assertThat(problems).containsExactlyInAnyOrder(
                dir.resolve("masks.yaml") + ": fields.gender: mask means nothing for gender. Fix: show it or drop it.",
                dir.resolve("masks.yaml") + ": groups.party: attributes cannot be masked. Fix: show them or drop them.");
    }

    @Test
    void refusesScopeCodesTheGridRegisterDoesNotKnowAndSuggestsTheCodeOfAName() throws IOException {
        List<String> problems = problems("scope.yaml", """
                kafka: { principal: wall }
                scope: { communities: ["长青社区"], grids: ["360502009009009"] }
                fields: { grid: show }
                """);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("scope.communities[0]: the grid register has no community"
                + " with code 长青社区.", "write its code: 360502001001"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("scope.grids[0]: the grid register has no grid"));
    }

    @Test
    void refusesAnApiKeyWrittenInClearWithoutPrintingIt() throws IOException {
        List<String> problems = problems("clear.yaml", """
                api: { key: "0123456789abcdef0123456789abcdef" }
                scope: { city: true }
                fields: { grid: show }
                """);

        assertThat(problems).singleElement().satisfies(p -> assertThat(p)
                .contains("api.key: not a secret reference", "${env:NAME}")
                .doesNotContain("0123456789abcdef"));
    }

    @Test
    void refusesAKeyReferenceThatCannotBeResolved() throws IOException {
        List<String> problems = problems("unset.yaml", """
                api: { key: "${env:ONEGRID_TEST_KEY_THAT_IS_NOT_SET}" }
                scope: { city: true }
                fields: { grid: show }
                """);

        assertThat(problems).singleElement().asString().contains("api.key: the environment variable ONEGRID_TEST_KEY_THAT_IS_NOT_SET is not set.");
    }

    @Test
    void refusesAShortKey() throws IOException {
        Path secret = dir.resolve("short.key");
        Files.writeString(secret, "secret\n");
        List<String> problems = problems("short.yaml", "api: { key: '${file:" + secret + "}' }\nscope: { city: true }\n"
                + "fields: { grid: show }\n");

        assertThat(problems).singleElement().asString().contains("shorter than 24 characters").doesNotContain("secret\n");
    }

    @Test
    void refusesASubscriberWithoutIdentityScopeOrAnythingToShow() throws IOException {
        List<String> problems = problems("empty.yaml", "description: nothing at all\n");

        assertThat(problems).containsExactlyInAnyOrder(
                dir.resolve("empty.yaml") + ": the subscriber has no identity: no kafka.principal, api.key or api.jwt-subject."
                        + " Fix: give it a Kafka user to read its view topic, or an API key or token subject for the query API.",
                dir.resolve("empty.yaml") + ": scope: missing: a subscriber without a region sees nobody."
                        + " Fix: add scope: with city: true, or the districts, streets, communities or grids it may see.",
                dir.resolve("empty.yaml") + ": fields: the policy shows nothing: the view would hold person ids only."
                        + " Fix: show or mask at least one field (grid, for a count by grid), group or attribute.");
    }

    @Test
    void refusesOneKafkaPrincipalForTwoSubscribers() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "kafka: { principal: wall }\nscope: { city: true }\nfields: { grid: show }\n");
        List<String> problems = problems("b.yaml", "kafka: { principal: wall }\nscope: { city: true }\nfields: { grid: show }\n");

        assertThat(problems).singleElement().asString().contains("b.yaml: kafka.principal: 'wall' is also subscriber a's.");
    }

    @Test
    void refusesAFileNameThatIsNoSubscriberId() throws IOException {
        assertThat(problems("Street Office.yaml", "kafka: { principal: wall }\nscope: { city: true }\nfields: { grid: show }\n"))
                .singleElement().asString().contains("is not a subscriber id");
    }

    @Test
    void theShippedExampleSubscriberLoads() {
        Subscribers shipped = Subscribers.load(Path.of("subscribers"), null, TestSubscribers.SENSITIVE);

        assertThat(shipped.all()).extracting(Subscriber::id).containsExactly("city-dashboard");
        assertThat(shipped.byId("city-dashboard").orElseThrow().policy().action(PolicyField.NAME)).isEqualTo(FieldAction.DROP);
    }

    @Test
    void aMissingFolderMeansNoSubscribers() {
        assertThat(Subscribers.load(dir.resolve("absent"), null, TestSubscribers.SENSITIVE).all()).isEmpty();
    }

    @Test
    void failsWithEveryProblemOfEveryFileAtOnce() throws IOException {
        Files.writeString(dir.resolve("one.yaml"), "scope: { city: true }\nfields: { grid: show }\n");
        Files.writeString(dir.resolve("two.yaml"), "kafka: { principal: two }\nfields: { grid: show }\n");

        assertThatThrownBy(() -> Subscribers.load(dir, null, TestSubscribers.SENSITIVE))
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("2 configuration problems")
                .hasMessageContaining("one.yaml: the subscriber has no identity")
                .hasMessageContaining("two.yaml: scope: missing");
    }
}

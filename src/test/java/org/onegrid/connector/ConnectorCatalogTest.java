package org.onegrid.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onegrid.config.ConfigProblem;
import org.onegrid.connector.filedrop.FileDropSource;
import org.onegrid.connector.filedrop.FileDropType;

/** Connector files bind to checked definitions; every problem of every file is reported at once, with its fix. */
class ConnectorCatalogTest {

    @TempDir
    Path dir;

    @Test
    void bindsAFileDropConnectorAndKeepsTheMappingBlockForTheMappingStage() throws IOException {
        write("party-building.yaml", """
                type: file-drop
                department: 党建办
                key: [序号]
                source:
                  path: %s
                  encoding: GBK
                  delimiter: ";"
                mapping:
                  fields:
                    姓名: name
                """.formatted(dir.resolve("inbox")));

        ConnectorCatalog catalog = load();

        assertThat(catalog.problems()).isEmpty();
        ConnectorDefinition definition = catalog.definition("party-building").orElseThrow();
        assertThat(definition.type()).isEqualTo("file-drop");
        assertThat(definition.enabled()).isTrue();
        assertThat(definition.required()).isFalse();
        assertThat(definition.key()).containsExactly("序号");
        FileDropSource source = definition.source(FileDropSource.class);
        assertThat(source.encoding().name()).isEqualTo("GBK");
        assertThat(source.delimiter()).isEqualTo(';');
        assertThat(source.format()).isEqualTo(FileDropSource.Format.AUTO);
        assertThat(definition.mapping().at("/fields/姓名").asText()).isEqualTo("name");
    }

    @Test
    void rejectsAnUnknownKeyNamingTheClosestKnownOne() throws IOException {
        write("health.yaml", """
                type: file-drop
                department: 卫健委
                key: [id]
                requird: true
                source:
                  path: %s
                  delimitor: ","
                """.formatted(dir.resolve("inbox")));

        List<ConfigProblem> problems = load().problems();

        assertThat(problems).extracting(ConfigProblem::where)
                .containsExactlyInAnyOrder("connectors/health.yaml: requird", "connectors/health.yaml: source.delimitor");
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).isEqualTo("unknown key."));
        assertThat(problems).extracting(ConfigProblem::fix)
                .anySatisfy(fix -> assertThat(fix).startsWith("did you mean required?"))
                .anySatisfy(fix -> assertThat(fix).startsWith("did you mean source.delimiter?"));
    }

    @Test
    void reportsAMissingTypeAndOtherMissingKeys() throws IOException {
        write("civil-affairs.yaml", """
                department: 民政局
                source:
                  path: somewhere
                """);

        List<ConfigProblem> problems = load().problems();

        assertThat(problems).extracting(ConfigProblem::where).containsExactly("connectors/civil-affairs.yaml: type");
        assertThat(problems.get(0).message()).contains("missing; it is required");
        assertThat(problems.get(0).toString()).startsWith("connectors/civil-affairs.yaml: type: missing").contains("Fix: add type:");
    }

    @Test
    void reportsBadSecretReferencesWithoutEverShowingASecret() throws IOException {
        write("public-security.yaml", """
                type: debezium-postgres
                department: 公安局
                source:
                  host: db.example
                  user: ${env:ONEGRID_TEST_NEVER_SET_VARIABLE}
                  password: ${file:%s}
                  token: s3cr3t-value
                  other: ${vault:x}
                """.formatted(dir.resolve("no-such-secret")));

        List<ConfigProblem> problems = load().problems();

        assertThat(problems).extracting(ConfigProblem::where).containsExactlyInAnyOrder(
                "connectors/public-security.yaml: type",
                "connectors/public-security.yaml: source.user",
                "connectors/public-security.yaml: source.password",
                "connectors/public-security.yaml: source.token",
                "connectors/public-security.yaml: source.other");
        assertThat(problems).map(ConfigProblem::toString).noneMatch(text -> text.contains("s3cr3t-value"));
        assertThat(problems).filteredOn(p -> p.where().endsWith("source.user")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("ONEGRID_TEST_NEVER_SET_VARIABLE is not set"));
        assertThat(problems).filteredOn(p -> p.where().endsWith("source.password")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("does not exist"));
        assertThat(problems).filteredOn(p -> p.where().endsWith("source.token")).singleElement()
                .satisfies(p -> assertThat(p.fix()).contains("${env:NAME}"));
        assertThat(problems).filteredOn(p -> p.where().endsWith("type")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("debezium-postgres is not available yet"));
    }

    @Test
    void resolvesASecretFileReferenceOnlyWhenAsked() throws IOException {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "the-password\n");
        SecretRef ref = SecretRef.parse("${file:" + secret + "}").orElseThrow();

        assertThat(ref.problem()).isEmpty();
        assertThat(ref.toString()).isEqualTo("${file:" + secret + "}");
        assertThat(ref.resolve()).isEqualTo("the-password");
        assertThat(SecretRef.parse("${env:HOME}", name -> name.equals("HOME") ? "/home/x" : null).orElseThrow().resolve()).isEqualTo("/home/x");
    }

    @Test
    void listsEveryProblemOfEveryFileAtOnce() throws IOException {
        write("a.yaml", """
                type: file-drops
                department: A
                key: [id]
                source: {path: x}
                """);
        write("b.yaml", """
                type: file-drop
                department: ""
                enabled: maybe
                source:
                  path: %s
                  format: pdf
                  encoding: KLINGON-8
                  delimiter: ";;"
                """.formatted(dir.resolve("b")));
        write("Bad Name.yaml", """
                type: http-poll
                department: C
                source: {}
                """);
        write("d.yaml", "type: [file-drop\n");
        write("ok.yaml", """
                type: file-drop
                department: OK
                key: [id]
                source: {path: %s}
                """.formatted(dir.resolve("ok")));

        ConnectorCatalog catalog = load();

        assertThat(catalog.problems()).extracting(ConfigProblem::where).containsExactlyInAnyOrder(
                "connectors/a.yaml: type",
                "connectors/b.yaml: department",
                "connectors/b.yaml: enabled",
                "connectors/b.yaml: key",
                "connectors/b.yaml: source.format",
                "connectors/b.yaml: source.encoding",
                "connectors/b.yaml: source.delimiter",
                "connectors/Bad Name.yaml",
                "connectors/Bad Name.yaml: type",
                "connectors/d.yaml",
                "connectors/d.yaml: type",
                "connectors/d.yaml: department",
                "connectors/d.yaml: source");
        assertThat(catalog.problems()).filteredOn(p -> p.where().equals("connectors/a.yaml: type")).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("unknown type file-drops."));
        assertThat(catalog.entry("ok").orElseThrow().usable()).isTrue();
        assertThat(catalog.entries()).hasSize(5);
    }

    @Test
    void letsOtherPackagesCheckTheirPartOfTheFile() throws IOException {
        write("party-building.yaml", """
                type: file-drop
                department: 党建办
                key: [序号]
                source: {path: %s}
                mapping:
                  fields: {姓名: nmae}
                """.formatted(dir.resolve("inbox")));
        DefinitionCheck mappingCheck = definition -> DefinitionCheck.mappingOrNull(definition).at("/fields/姓名").asText().equals("name")
                ? List.of()
                : List.of(new ConfigProblem(DefinitionProblems.where(definition.file(), "mapping.fields.姓名"), "unknown field nmae.", "did you mean name?"));

        ConnectorCatalog catalog = ConnectorCatalog.load(dir, List.of(new FileDropType()), List.of(mappingCheck));

        assertThat(catalog.problems()).extracting(ConfigProblem::toString)
                .containsExactly("connectors/party-building.yaml: mapping.fields.姓名: unknown field nmae. Fix: did you mean name?");
    }

    @Test
    void treatsAMissingFolderAsNoConnectors() {
        assertThat(ConnectorCatalog.load(dir.resolve("absent"), List.of(new FileDropType()), List.of()).entries()).isEmpty();
    }

    private ConnectorCatalog load() {
        return ConnectorCatalog.load(dir, List.of(new FileDropType()), List.of());
    }

    private void write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve(name), yaml, StandardCharsets.UTF_8);
    }
}

package org.onegrid.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.standardize.GridLocator;

/**
 * Golden files per example department: {@code mapping/<department>/raw.jsonl} (raw records in the department's own
 * formats, bad ones included) mapped with {@code mapping.yaml} must give {@code expected.jsonl}, line by line, volatile
 * fields ignored. Run with {@code -Dgolden.update=true} to rewrite the expected files after an intended change, then
 * review the diff.
 */
class GoldenFilesTest {

    static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The departments' columns, as docs/population.md describes their schemas. */
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "public-security", List.of("RYBH", "XM", "XB", "CSRQ", "SFZH", "MZ", "HJDZ", "JZDZ", "LXDH", "RYLB", "GXSJ"),
            "civil-affairs", List.of("id", "id_card", "full_name", "sex", "birthday", "nation", "address", "phone",
                    "subsidy_type", "disability_level", "is_elderly", "updated_at"),
            "health", List.of("patientId", "name", "gender", "birthDate", "idCard", "mobile", "address",
                    "chronicConditions", "familyDoctor", "updatedAt"),
            "party", List.of("序号", "姓名", "性别", "身份证号", "出生日期", "民族", "联系电话", "居住地址", "所在支部", "入党日期"));

    @ParameterizedTest
    @ValueSource(strings = {"public-security", "civil-affairs", "health", "party"})
    void mapsDepartmentRecordsAsTheGoldenFileSays(String department) throws IOException {
        MappingDefinition definition = MappingDefinition.parse(department, mappingBlock(department));
        assertThat(definition.problems(new LinkedHashSet<>(COLUMNS.get(department)))).isEmpty();
        Mapper mapper = Mapper.of(definition, register(), TODAY);

        List<String> actual = new ArrayList<>();
        for (String line : lines("mapping/" + department + "/raw.jsonl")) {
            JsonNode fixture = JSON.readTree(line);
            MappingResult result = mapper.map(raw(department, fixture));
            ObjectNode out = JSON.createObjectNode();
            out.set("note", fixture.get("note"));
            if (result instanceof MappingResult.Mapped mapped) {
                out.set("person", SourcePersonJson.of(mapped.person()));
            } else if (result instanceof MappingResult.Rejected rejected) {
                out.putObject("rejected").put("reason", rejected.reason()).put("message", rejected.message());
            }
            actual.add(JSON.writeValueAsString(out));
        }

        Path expectedFile = Path.of("src/test/resources/mapping", department, "expected.jsonl");
        if (Boolean.getBoolean("golden.update")) {
            Files.write(expectedFile, actual, StandardCharsets.UTF_8);
        }
        List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8);
        assertEquals(expected.size(), actual.size(), "one expected line per raw record");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(JSON.readTree(expected.get(i)), JSON.readTree(actual.get(i)),
                    department + " raw record on line " + (i + 1));
        }
    }

    static JsonNode mappingBlock(String department) throws IOException {
        try (InputStream in = resource("mapping/" + department + "/mapping.yaml")) {
            return YAML.readTree(in).get("mapping");
        }
    }

    static GridLocator register() throws IOException {
        try (InputStream in = resource("mapping/grid-register.yaml")) {
            return GridRegisterFile.read(in, "grid-register.yaml").locator();
        }
    }

    private static RawRecord raw(String department, JsonNode fixture) {
        RawRecords raw = RawRecords.aRawRecord().from(department).key(fixture.get("sourceKey").asText())
                .operation(Operation.valueOf(fixture.get("operation").asText()))
                .sourceTime(Instant.parse(fixture.get("sourceTime").asText()));
        if (fixture.has("contentType")) {
            raw.contentType(fixture.get("contentType").asText());
        }
        if (fixture.has("payloadText")) {
            raw.payloadText(fixture.get("payloadText").asText());
        } else {
            raw.payload((ObjectNode) fixture.get("payload"));
        }
        return raw.build();
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = resource(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static InputStream resource(String name) {
        InputStream in = GoldenFilesTest.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }
}

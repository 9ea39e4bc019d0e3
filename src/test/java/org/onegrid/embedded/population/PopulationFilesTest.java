package org.onegrid.embedded.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulationFilesTest {

    private static final Charset GBK = Charset.forName("GBK");

    @Test
    void partyExportRoundTripsThroughGbkWithChineseHeaders(@TempDir Path dir) throws IOException {
        Population population = Population.generate(new PopulationSpec(11, 3_000));
        List<List<String>> written = new ArrayList<>();
        Path file = dir.resolve("party.csv");
        try (CsvWriter csv = new CsvWriter(file, GBK, Department.PARTY.columns())) {
            population.records().filter(r -> r.department().equals("party-building")).forEach(r -> {
                List<String> row = r.columns().values().stream().map(v -> v == null ? "" : v.toString()).toList();
                csv.row(row);
                written.add(row);
            });
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] header = "序号,姓名".getBytes(GBK);
        assertThat(java.util.Arrays.copyOf(bytes, header.length)).isEqualTo(header);
        List<List<String>> read = Csv.read(file, GBK);
        assertThat(read.get(0)).containsExactly("序号", "姓名", "性别", "身份证号", "出生日期", "民族", "联系电话", "居住地址", "所在支部", "入党日期");
        assertThat(read.subList(1, read.size())).isEqualTo(written);
        assertThat(written).isNotEmpty();
    }

    @Test
    void csvQuotesCommasQuotesAndLineBreaks(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("q.csv");
        try (CsvWriter csv = new CsvWriter(file, StandardCharsets.UTF_8, List.of("a", "b"))) {
            csv.row(List.of("阳光花园,3栋", "say \"hi\"\nnow"));
        }
        assertThat(Csv.read(file, StandardCharsets.UTF_8).get(1)).containsExactly("阳光花园,3栋", "say \"hi\"\nnow");
    }

    @Test
    void refusesCharactersTheCharsetCannotEncode(@TempDir Path dir) {
        Path file = dir.resolve("x.csv");
        assertThatThrownBy(() -> {
            try (CsvWriter csv = new CsvWriter(file, Charset.forName("ISO-8859-1"), List.of("a"))) {
                csv.row(List.of("陈"));
            }
        }).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void registerYamlHasTheAgreedShape(@TempDir Path dir) throws IOException {
        Population population = Population.generate(new PopulationSpec(3, 20_000));
        Path file = dir.resolve("grid-register.yaml");
        PopulationFiles.writeRegister(population.city(), file);
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        assertThat(root.get("city").asText()).isEqualTo("新余市");
        JsonNode district = root.get("districts").get(0);
        assertThat(district.get("code").isTextual()).isTrue();
        assertThat(district.get("code").asText()).isEqualTo("360502");
        assertThat(district.get("name").asText()).isEqualTo("渝水区");
        JsonNode street = district.get("streets").get(0);
        assertThat(street.get("code").asText()).matches("360502\\d{3}");
        JsonNode community = street.get("communities").get(0);
        assertThat(community.get("code").asText()).matches("360502\\d{6}");
        JsonNode grid = community.get("grids").get(0);
        assertThat(grid.get("code").asText()).matches("360502\\d{6}-\\d{2}");
        assertThat(grid.get("name").asText()).isEqualTo("第一网格");
        JsonNode estate = grid.get("estates").get(0);
        assertThat(estate.get("name").asText()).isNotBlank();
        assertThat(Files.readString(file)).contains("buildings:");
    }

    @Test
    void truthHasOneRowPerDepartmentRecord(@TempDir Path dir) throws IOException {
        Population population = Population.generate(new PopulationSpec(5, 2_000));
        PopulationFiles.writeAll(population, dir, GBK, n -> { });
        List<List<String>> truth = Csv.read(dir.resolve(PopulationFiles.TRUTH), StandardCharsets.UTF_8);
        assertThat(truth.get(0)).containsExactly("department", "sourceKey", "personId", "errors");
        assertThat(truth).hasSize(1 + (int) population.records().count());
        long jsonLines = 0;
        for (Department d : Department.values()) {
            if (d != Department.PARTY) {
                jsonLines += Files.readAllLines(dir.resolve(PopulationFiles.fileName(d))).size();
            }
        }
        long party = Csv.read(dir.resolve(PopulationFiles.fileName(Department.PARTY)), GBK).size() - 1;
        assertThat(jsonLines + party).isEqualTo(truth.size() - 1);
    }
}

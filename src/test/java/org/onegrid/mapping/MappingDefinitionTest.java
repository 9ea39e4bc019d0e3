package org.onegrid.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.onegrid.config.ConfigProblem;
import org.onegrid.config.ConfigProblemsException;

class MappingDefinitionTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<ConfigProblem> problems(String mapping) {
        return MappingDefinition.check("health", yaml(mapping));
    }

    @Test
    void readsTheDeclarativeSyntaxOfEveryKey() {
        MappingDefinition definition = MappingDefinition.parse("health", yaml("""
                idNumber: SFZH
                name: { from: [XING, MING], transforms: [trim, halfwidth] }
                gender: { from: XB, codes: gb2261 }
                birthDate: { from: CSRQ, format: yyyyMMdd, twoDigitYears: true }
                ethnicity: { from: MZ, codes: gb3304 }
                phones: [LXDH, { from: 备用电话, split: "#", areaCode: "0790" }]
                address: { from: [XIANG, HAO], join: "", default: 不详 }
                attributes:
                  party_branch: { from: 所在支部, type: STRING, group: party }
                  joined: { from: RDRQ, type: DATE, format: yyyy.MM.dd }
                  source_system: { value: HIS }
                deleted: { from: is_deleted, equals: ["1", "Y"] }
                require: [idNumber, name]
                """));
        assertThat(definition.sourceColumns()).containsExactly("SFZH", "XING", "MING", "XB", "CSRQ", "MZ",
                "XIANG", "HAO", "LXDH", "备用电话", "所在支部", "RDRQ", "is_deleted");
        assertThat(definition.phones()).hasSize(2);
        assertThat(definition.attributes()).extracting(AttributeSpec::name)
                .containsExactly("party_branch", "joined", "source_system");
        assertThat(definition.required()).containsExactlyInAnyOrder(SharedField.ID_NUMBER, SharedField.NAME);
    }

    @Test
    void reportsAnUnknownSharedFieldWithTheNearestOneAsFix() {
        List<ConfigProblem> problems = problems("name: XM\nbirthdate: CSRQ\n");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("connectors/health.yaml: mapping.birthdate");
            assertThat(p.message()).contains("unknown shared field");
            assertThat(p.fix()).contains("did you mean birthDate?");
        });
    }

    @Test
    void refusesToMapAFieldTheMappingDerivesItself() {
        assertThat(problems("name: XM\nnamePinyin: PY\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("derived from the name"));
    }

    @Test
    void reportsAnUnknownTransformWithTheListOfTransforms() {
        assertThat(problems("name: { from: XM, transforms: [trim, uppercase] }\n")).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("connectors/health.yaml: mapping.name.transforms[1]");
            assertThat(p.fix()).contains("did you mean upper?").contains("halfwidth");
        });
    }

    @Test
    void reportsUnknownKeysInsideAFieldBlock() {
        assertThat(problems("name: XM\nbirthDate: { from: CSRQ, fromat: yyyyMMdd }\n")).singleElement()
                .satisfies(p -> {
                    assertThat(p.where()).endsWith("mapping.birthDate.fromat");
                    assertThat(p.fix()).contains("did you mean format?").contains("twoDigitYears");
                });
    }

    @Test
    void offersOnlyTheKeysOfTheFieldAtHand() {
        assertThat(problems("name: { from: XM, format: yyyyMMdd }\n")).singleElement()
                .satisfies(p -> assertThat(p.fix()).doesNotContain("format"));
    }

    @Test
    void collectsEveryProblemBeforeFailing() {
        assertThatThrownBy(() -> MappingDefinition.parse("health", yaml("""
                nmae: XM
                gender: { from: XB, codes: gb9999 }
                birthDate: { from: CSRQ, format: "yyyy-MM-dd'" }
                attributes:
                  Bad-Name: X
                """)))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::where)
                        .containsExactlyInAnyOrder(
                                "connectors/health.yaml: mapping.nmae",
                                "connectors/health.yaml: mapping.gender.codes",
                                "connectors/health.yaml: mapping.birthDate.format",
                                "connectors/health.yaml: mapping.attributes.Bad-Name",
                                "connectors/health.yaml: mapping"));
    }

    @Test
    void refusesAMappingWithNeitherNameNorIdNumber() {
        assertThat(problems("phones: LXDH\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("MAPPING_NO_IDENTITY"));
    }

    @Test
    void refusesACodeTableWhoseTargetsAreNoGender() {
        assertThat(problems("name: XM\ngender: { from: XB, codes: { \"1\": MALE, \"2\": WOMAN } }\n"))
                .singleElement().satisfies(p -> assertThat(p.where()).endsWith("mapping.gender.codes.2"));
    }

    @Test
    void refusesRequiringAFieldThatIsNotMapped() {
        assertThat(problems("name: XM\nrequire: [name, birthDate]\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("requires birthDate"));
    }

    @Test
    void refusesAFieldBlockWithoutSourceColumn() {
        assertThat(problems("name: { transforms: [trim] }\n")).singleElement()
                .satisfies(p -> assertThat(p.fix()).contains("from: COLUMN"));
    }

    @Test
    void refusesABadRegularExpressionInReplace() {
        assertThat(problems("name: { from: XM, transforms: [{ replace: { pattern: \"(\", with: \"\" } }] }\n"))
                .singleElement().satisfies(p -> assertThat(p.where()).endsWith("transforms[0].replace.pattern"));
    }

    @Test
    void refusesAnAreaCodeThatIsNoAreaCode() {
        assertThat(problems("name: XM\nphones: { from: LXDH, areaCode: \"12\" }\n")).singleElement()
                .satisfies(p -> assertThat(p.where()).endsWith("mapping.phones.areaCode"));
    }

    @Test
    void namesTheConnectorFileAsItIsCalled() {
        assertThat(MappingDefinition.check("health", "health.yml", yaml("nmae: XM\nidNumber: SFZH\n")))
                .singleElement().satisfies(p -> assertThat(p.where()).isEqualTo("connectors/health.yml: mapping.nmae"));
    }

    @Test
    void reportsAMissingMappingBlock() {
        assertThat(MappingDefinition.check("health", null)).singleElement()
                .satisfies(p -> assertThat(p.where()).isEqualTo("connectors/health.yaml: mapping"));
    }

    @Test
    void reportsSourceColumnsTheSourceDoesNotHave() {
        MappingDefinition definition = MappingDefinition.parse("health", yaml("""
                name: name
                idNumber: idcard
                attributes:
                  family_doctor: { from: familyDoctor, group: health }
                """));
        assertThat(definition.problems(Set.of("name", "idCard", "familyDoctor"))).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("connectors/health.yaml: mapping.idNumber");
            assertThat(p.message()).contains("no column idcard");
            assertThat(p.fix()).contains("did you mean idCard?");
        });
    }

    @Test
    void readsAddressPartsStatedInColumnsOfTheirOwn() {
        MappingDefinition definition = MappingDefinition.parse("health", yaml("""
                name: XM
                address:
                  from: [XQMC, LH, FH]
                  join: "-"
                  parts: { estate: XQMC, building: { from: LH, transforms: trim }, room: FH }
                """));
        assertThat(definition.addressParts()).containsOnlyKeys("estate", "building", "room");
        assertThat(definition.sourceColumns()).containsExactly("XM", "XQMC", "LH", "FH");
        assertThat(definition.problems(Set.of("XM", "XQMC", "LH"))).extracting(ConfigProblem::where)
                .containsExactly("connectors/health.yaml: mapping.address", "connectors/health.yaml: mapping.address.parts.room");
    }

    @Test
    void reportsAnUnknownAddressPartAndPartsOutsideTheAddress() {
        assertThat(problems("name: XM\naddress: { from: DZ, parts: { biulding: LH } }\n")).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("connectors/health.yaml: mapping.address.parts.biulding");
            assertThat(p.fix()).contains("did you mean building?").contains("community, estate, building, unit, room");
        });
        assertThat(problems("name: { from: XM, parts: { estate: XQ } }\n")).singleElement()
                .satisfies(p -> assertThat(p.where()).endsWith("mapping.name.parts"));
        assertThat(problems("name: XM\naddress: { from: DZ, parts: XQ }\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("block of address part"));
    }
}

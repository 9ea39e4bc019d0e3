package org.onegrid.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.onegrid.mapping.RawRecords.aRawRecord;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.onegrid.schema.Attribute;
import org.onegrid.schema.AttributeType;
import org.onegrid.schema.Gender;
import org.onegrid.schema.IdStatus;
import org.onegrid.schema.Operation;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.SourcePerson;

class MapperTest {

    private static final String VALID_ID = "360502198503021232";

    private static Mapper mapper(String mapping) {
        try {
            return Mapper.of(MappingDefinition.parse("test", MappingDefinitionTest.yaml(mapping)),
                    GoldenFilesTest.register(), GoldenFilesTest.TODAY);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static SourcePerson person(MappingResult result) {
        assertThat(result).isInstanceOf(MappingResult.Mapped.class);
        return ((MappingResult.Mapped) result).person();
    }

    private static MappingResult.Rejected rejected(MappingResult result) {
        assertThat(result).isInstanceOf(MappingResult.Rejected.class);
        return (MappingResult.Rejected) result;
    }

    @Test
    void mapsTraditionalNameToSimplifiedWithPinyinAndKeepsTheStatedName() {
        SourcePerson p = person(mapper("name: XM\n").map(aRawRecord().column("XM", "陳曉明").build()));
        assertThat(p.getName()).isEqualTo("陈晓明");
        assertThat(p.getNameStated()).isEqualTo("陳曉明");
        assertThat(p.getNamePinyin()).isEqualTo("chen xiao ming");
    }

    @Test
    void rejectsRecordWithNoNameAndNoId() {
        MappingResult.Rejected r = rejected(mapper("name: XM\nidNumber: SFZH\nphones: LXDH\n")
                .map(aRawRecord().column("LXDH", "13800138000").build()));
        assertThat(r.reason()).isEqualTo("MAPPING_NO_IDENTITY");
        assertThat(r.message()).doesNotContain("13800138000");
    }

    @Test
    void keepsAnIdNumberWithWrongCheckDigitAsEvidenceOnly() {
        SourcePerson p = person(mapper("name: XM\nidNumber: SFZH\n")
                .map(aRawRecord().column("XM", "陈晓明").column("SFZH", "360502198503021233").build()));
        assertThat(p.getIdStatus()).isEqualTo(IdStatus.BAD_CHECKSUM);
        assertThat(p.getIdNumber()).isNull();
        assertThat(p.getIdNumberStated()).isEqualTo("360502198503021233");
    }

    @Test
    void takesARecordWithOnlyAMalformedIdNumberAsEvidence() {
        SourcePerson p = person(mapper("idNumber: SFZH\n").map(aRawRecord().column("SFZH", "3605021985").build()));
        assertThat(p.getIdStatus()).isEqualTo(IdStatus.MALFORMED);
    }

    @Test
    void liftsALegacyFifteenDigitIdNumberGivenAsAJsonNumber() {
        SourcePerson p = person(mapper("idNumber: SFZH\n").map(aRawRecord().column("SFZH", 360502521108301L).build()));
        assertThat(p.getIdStatus()).isEqualTo(IdStatus.LIFTED);
        assertThat(p.getIdNumber()).isEqualTo("360502195211083016");
    }

    @Test
    void rejectsAnInvalidIdNumberWithItsReasonWhenTheMappingRequiresOne() {
        Mapper mapper = mapper("name: XM\nidNumber: SFZH\nrequire: [idNumber]\n");
        assertThat(rejected(mapper.map(aRawRecord().column("XM", "陈晓明").column("SFZH", "360502198503021233")
                .build())).reason()).isEqualTo("ID_CHECKSUM");
        assertThat(rejected(mapper.map(aRawRecord().column("XM", "陈晓明").build())).reason())
                .isEqualTo("MAPPING_MISSING_FIELD");
    }

    @Test
    void dropsAndFlagsAnImpossibleBirthDate() {
        SourcePerson p = person(mapper("name: XM\nbirthDate: CSRQ\n")
                .map(aRawRecord().column("XM", "张伟").column("CSRQ", "1985-02-30").build()));
        assertThat(p.getBirthDate()).isNull();
        assertThat(p.getFlags()).containsExactly("BIRTH_DATE_IMPOSSIBLE");
    }

    @Test
    void rejectsAnImpossibleBirthDateWhenTheMappingRequiresIt() {
        MappingResult.Rejected r = rejected(mapper("name: XM\nbirthDate: CSRQ\nrequire: [birthDate]\n")
                .map(aRawRecord().column("XM", "张伟").column("CSRQ", "1985-02-30").build()));
        assertThat(r.reason()).isEqualTo("DATE_IMPOSSIBLE");
        assertThat(r.message()).startsWith("required field birthDate").doesNotContain("1985");
    }

    @Test
    void readsABirthDateInTheDeclaredFormatAndOthersAutomatically() {
        Mapper mapper = mapper("name: XM\nbirthDate: { from: CSRQ, format: dd/MM/yyyy }\n");
        assertThat(person(mapper.map(aRawRecord().column("XM", "张伟").column("CSRQ", "02/03/1985").build()))
                .getBirthDate()).isEqualTo(LocalDate.of(1985, 3, 2));
        assertThat(person(mapper.map(aRawRecord().column("XM", "张伟").column("CSRQ", "1985年3月2日").build()))
                .getBirthDate()).isEqualTo(LocalDate.of(1985, 3, 2));
    }

    @Test
    void readsDatesWrittenAsEpochNumbersByChangeDataCapture() {
        Mapper mapper = mapper("""
                name: XM
                birthDate: { from: CSRQ, format: epochDays }
                attributes:
                  since: { from: RQ, type: DATE, format: epochMillis }
                """);
        SourcePerson p = person(mapper.map(aRawRecord().column("XM", "张伟").column("CSRQ", 5539)
                .column("RQ", 1214841600000L).build()));
        assertThat(p.getBirthDate()).isEqualTo(LocalDate.of(1985, 3, 2));
        assertThat(p.getAttributes()).extracting(Attribute::getValue).containsExactly("2008-07-01");
    }

    @Test
    void flagsBirthDateAndGenderThatDisagreeWithTheIdNumber() {
        SourcePerson p = person(mapper("idNumber: SFZH\ngender: XB\nbirthDate: CSRQ\n").map(aRawRecord()
                .column("SFZH", VALID_ID).column("XB", "女").column("CSRQ", "19850303").build()));
        assertThat(p.getFlags()).containsExactly("BIRTH_DATE_DISAGREES_WITH_ID", "GENDER_DISAGREES_WITH_ID");
        assertThat(p.getBirthDate()).isEqualTo(LocalDate.of(1985, 3, 3));
        assertThat(p.getGender()).isEqualTo(Gender.FEMALE);
    }

    @Test
    void mapsGenderThroughAnExplicitCodeTableAndPassesOtherCodesToTheStandard() {
        Mapper mapper = mapper("name: XM\ngender: { from: XB, codes: { \"A\": MALE, \"B\": FEMALE } }\n");
        assertThat(person(mapper.map(aRawRecord().column("XM", "张伟").column("XB", "B").build())).getGender())
                .isEqualTo(Gender.FEMALE);
        assertThat(person(mapper.map(aRawRecord().column("XM", "张伟").column("XB", "男性").build())).getGender())
                .isEqualTo(Gender.MALE);
        SourcePerson unknown = person(mapper.map(aRawRecord().column("XM", "张伟").column("XB", "Q").build()));
        assertThat(unknown.getGender()).isEqualTo(Gender.UNKNOWN);
        assertThat(unknown.getFlags()).containsExactly("GENDER_UNKNOWN_CODE");
    }

    @Test
    void concatenatesColumnsAndAppliesTransformsInOrder() {
        SourcePerson p = person(mapper("""
                name: { from: [XING, MING], transforms: [halfwidth, trim, { replace: { pattern: "\\\\*", with: "" } }] }
                address: { from: [XQ, LH], join: "" }
                """).map(aRawRecord().column("XING", " 陈 ").column("MING", "晓明*").column("XQ", "阳光花园")
                .column("LH", "3栋2单元401室").build()));
        assertThat(p.getNameStated()).isEqualTo("陈晓明");
        assertThat(p.getAddress().getNormalized()).isEqualTo("阳光花园|3|2|401");
        assertThat(p.getAddress().getGrid().getGrid()).isEqualTo("360502001001001");
    }

    @Test
    void usesTheDefaultWhenTheColumnGivesNothing() {
        SourcePerson p = person(mapper("name: XM\nethnicity: { from: MZ, default: \"01\" }\n")
                .map(aRawRecord().column("XM", "张伟").column("MZ", "  ").build()));
        assertThat(p.getEthnicity()).isEqualTo("01");
    }

    @Test
    void collectsPhonesFromSeveralColumnsWithSplitAndAreaCode() {
        SourcePerson p = person(mapper("""
                name: XM
                phones: [LXDH, { from: BYDH, split: "#", areaCode: "0790" }]
                """).map(aRawRecord().column("XM", "张伟").column("LXDH", "+86 138-0013-8000")
                .column("BYDH", "6221234#13800138000#abc").build()));
        assertThat(p.getPhones()).containsExactly("13800138000", "0790-6221234");
        assertThat(p.getFlags()).containsExactly("PHONE_MALFORMED");
    }

    @Test
    void mapsADeleteToKeysOnly() {
        RawRecord raw = aRawRecord().key("RY1").operation(Operation.DELETE).payloadText("not even JSON").build();
        SourcePerson p = person(mapper("name: XM\n").map(raw));
        assertThat(p.getDeleted()).isTrue();
        assertThat(p.getSourceKey()).isEqualTo("RY1");
        assertThat(p.getName()).isNull();
        assertThat(p.getFlags()).isEmpty();
    }

    @Test
    void mapsASoftDeletedRowToADelete() {
        Mapper mapper = mapper("name: XM\ndeleted: { from: is_deleted, equals: \"1\" }\n");
        assertThat(person(mapper.map(aRawRecord().column("XM", "张伟").column("is_deleted", 1).build()))
                .getDeleted()).isTrue();
        assertThat(person(mapper.map(aRawRecord().column("XM", "张伟").column("is_deleted", 0).build()))
                .getDeleted()).isFalse();
    }

    @Test
    void readsASoftDeleteMarkerWithoutEqualsAsYesOrNo() {
        Mapper mapper = mapper("name: XM\ndeleted: SCBZ\n");
        assertThat(person(mapper.map(aRawRecord().column("XM", "张伟").column("SCBZ", "是").build()))
                .getDeleted()).isTrue();
        assertThat(person(mapper.map(aRawRecord().column("XM", "张伟").column("SCBZ", "否").build()))
                .getDeleted()).isFalse();
    }

    @Test
    void rejectsAPayloadThatIsNotJsonWithoutEchoingIt() {
        MappingResult.Rejected r = rejected(mapper("name: XM\n").map(aRawRecord().payloadText("XM=陈晓明").build()));
        assertThat(r.reason()).isEqualTo("PAYLOAD_NOT_JSON");
        assertThat(r.message()).doesNotContain("陈晓明");
    }

    @Test
    void rejectsAPayloadEncodedInGbkAsNotJson() {
        byte[] gbk = "{\"XM\": \"陈晓明\"}".getBytes(java.nio.charset.Charset.forName("GBK"));
        RawRecord raw = aRawRecord().build();
        raw.setPayload(java.nio.ByteBuffer.wrap(gbk));
        assertThat(rejected(mapper("name: XM\n").map(raw)).reason()).isEqualTo("PAYLOAD_NOT_JSON");
    }

    @Test
    void rejectsAContentTypeOtherThanJson() {
        assertThat(rejected(mapper("name: XM\n").map(aRawRecord().contentType("text/csv").payloadText("a,b").build()))
                .reason()).isEqualTo("CONTENT_TYPE_UNSUPPORTED");
    }

    @Test
    void typesAttributesAndFlagsValuesNotOfTheirType() {
        SourcePerson p = person(mapper("""
                name: XM
                attributes:
                  level: { from: DJ, type: INTEGER, group: subsidy }
                  amount: { from: JE, type: DECIMAL, group: subsidy }
                  elderly: { from: LN, type: BOOLEAN }
                  since: { from: RQ, type: DATE }
                  conditions: { from: MB, join: ";", group: health }
                  origin: { value: HIS }
                  broken: { from: BAD, type: INTEGER }
                """).map(aRawRecord().column("XM", "张伟").column("DJ", 2).column("JE", "350.50")
                .column("LN", true).column("RQ", "2008年7月1日").column("MB", List.of("高血压", "糖尿病"))
                .column("BAD", "二级").build()));
        assertThat(p.getAttributes()).containsExactly(
                new Attribute("level", AttributeType.INTEGER, "2", "subsidy"),
                new Attribute("amount", AttributeType.DECIMAL, "350.50", "subsidy"),
                new Attribute("elderly", AttributeType.BOOLEAN, "true", "general"),
                new Attribute("since", AttributeType.DATE, "2008-07-01", "general"),
                new Attribute("conditions", AttributeType.STRING, "高血压;糖尿病", "health"),
                new Attribute("origin", AttributeType.STRING, "HIS", "general"));
        assertThat(p.getFlags()).containsExactly("ATTRIBUTE_INVALID");
    }

    @Test
    void mapsAttributeCodesThroughTheirTable() {
        SourcePerson p = person(mapper("""
                name: XM
                attributes:
                  subsidy: { from: BZLX, codes: { "1": 低保, "2": 特困 }, group: subsidy }
                """).map(aRawRecord().column("XM", "张伟").column("BZLX", "2").build()));
        assertThat(p.getAttributes()).extracting(Attribute::getValue).containsExactly("特困");
    }

    @Test
    void dropsPlaceholdersWithNullIf() {
        SourcePerson p = person(mapper("name: XM\nethnicity: { from: MZ, transforms: [{ nullIf: [无, \"/\"] }] }\n")
                .map(aRawRecord().column("XM", "张伟").column("MZ", "无").build()));
        assertThat(p.getEthnicity()).isNull();
        assertThat(p.getFlags()).isEmpty();
    }

    @Test
    void takesAddressPartsFromColumnsOfTheirOwnAndPlacesTheAddressByThem() {
        SourcePerson p = person(mapper("""
                name: XM
                address: { from: [XQMC, LH, DY, FH], join: " ", parts: { community: SQ, estate: XQMC, building: LH, unit: DY, room: FH } }
                """).map(aRawRecord().column("XM", "张伟").column("SQ", "长青社区").column("XQMC", "阳光花园小区").column("LH", "9")
                .column("DY", "1").column("FH", "0302").build()));
        assertThat(p.getAddress().getNormalized()).isEqualTo("阳光花园|9|1|302");
        assertThat(p.getAddress().getCommunity()).isEqualTo("长青社区");
        assertThat(p.getAddress().getGrid().getGrid()).isEqualTo("360502001001002");
        assertThat(p.getFlags()).isEmpty();
    }

    @Test
    void mapsALatinScriptRecordAsFebrlWritesIt() {
        SourcePerson p = person(mapper("""
                name: { from: [given_name, surname], join: " " }
                birthDate: { from: date_of_birth, format: yyyyMMdd }
                address:
                  from: [street_number, address_1, address_2, suburb, postcode, state]
                  join: " "
                  parts: { building: street_number, estate: address_1, community: suburb }
                attributes:
                  soc_sec_id: soc_sec_id
                """).map(aRawRecord().column("given_name", " michaela").column("surname", " neumann").column("street_number", " 8")
                .column("address_1", " stanley street").column("address_2", " miami").column("suburb", " winston hills")
                .column("postcode", " 4223").column("state", " nsw").column("date_of_birth", " 19151111")
                .column("soc_sec_id", " 5304218").build()));
        assertThat(p.getName()).isEqualTo("michaela neumann");
        assertThat(p.getBirthDate()).isEqualTo(LocalDate.of(1915, 11, 11));
        assertThat(p.getAddress().getNormalized()).isEqualTo("8 stanley street miami winston hills 4223 nsw");
        assertThat(p.getAddress().getEstate()).isEqualTo("stanley street");
        assertThat(p.getAddress().getBuilding()).isEqualTo("8");
        assertThat(p.getAddress().getCommunity()).isEqualTo("winston hills");
        assertThat(p.getAttributes()).extracting(Attribute::getName, Attribute::getValue).containsExactly(
                tuple("soc_sec_id", "5304218"));
        assertThat(p.getFlags()).containsExactly("ADDRESS_NOT_IN_GRID");
    }

    @Test
    void placesAnAddressInItsGridOrFlagsIt() {
        Mapper mapper = mapper("name: XM\naddress: DZ\n");
        SourcePerson placed = person(mapper.map(aRawRecord().column("XM", "张伟").column("DZ", "阳光花园9-1-302").build()));
        assertThat(placed.getAddress().getGrid().getGrid()).isEqualTo("360502001001002");
        assertThat(placed.getFlags()).isEmpty();
        SourcePerson unplaced = person(mapper.map(aRawRecord().column("XM", "张伟").column("DZ", "幸福小区1栋101").build()));
        assertThat(unplaced.getAddress().getGrid()).isNull();
        assertThat(unplaced.getFlags()).containsExactly("ADDRESS_NOT_IN_GRID");
    }

    @Test
    void flagsANameWithoutLettersAndTakesTheRecordByItsId() {
        SourcePerson p = person(mapper("name: XM\nidNumber: SFZH\n")
                .map(aRawRecord().column("XM", "123").column("SFZH", VALID_ID).build()));
        assertThat(p.getName()).isNull();
        assertThat(p.getFlags()).containsExactly("NAME_UNREADABLE");
    }

    @Test
    void keepsTheSourceTimeAndIngestTime() {
        SourcePerson p = person(mapper("name: XM\n").map(aRawRecord().column("XM", "张伟").build()));
        assertThat(p.getIngestTime()).isEqualTo(RawRecords.INGEST_TIME);
        assertThat(p.getSourceTime()).isEqualTo(java.time.Instant.parse("2026-10-01T02:00:00Z"));
        assertThat(p.getConnector()).isEqualTo("test");
    }
}

package org.onegrid.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.onegrid.schema.Address;

class AddressesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "江西省新余市渝水区城北街道长青社区阳光花园3栋2单元401室",
        "阳光花园3-2-401",
        "阳光花园小区三栋二单元401",
        "长青社区阳光花园3幢2单元401号",
        "阳光花园３栋２单元４０１室",
        "阳光花园 3 栋 2 单元 401 室",
        "阳光花园3号楼2单元401室",
        "阳光花园第三栋二单元四〇一室",
        "阳光花园小区3#2单元401",
        "阳光花园3栋2-401",
        "新余市渝水区阳光花园小区3栋2单元0401室",
        "城北街道阳光花园3-2-401室",
        "陽光花園3棟2單元401室",
        "渝水区胜利路88号阳光花园3栋2单元401室",
        "阳光花园3—2—401",
        "阳光花园3号楼2单元4层401室",
        "阳光花园3栋2单元四楼401",
    })
    void normalizesEveryDepartmentStyleToOneForm(String raw) {
        Address a = Addresses.parse(raw);
        assertThat(a.getRaw()).isEqualTo(raw);
        assertThat(a.getEstate()).isEqualTo("阳光花园");
        assertThat(a.getBuilding()).isEqualTo("3");
        assertThat(a.getUnit()).isEqualTo("2");
        assertThat(a.getRoom()).isEqualTo("401");
        assertThat(a.getNormalized()).isEqualTo("阳光花园|3|2|401");
        assertThat(a.getGrid()).isNull();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(nullValues = "null", delimiter = ';', textBlock = """
            江西省新余市渝水区城北街道长青社区阳光花园3栋2单元401室 ; 长青社区 ; 阳光花园 ; 3 ; 2 ; 401 ; 阳光花园|3|2|401
            长青社区阳光花园 ; 长青社区 ; 阳光花园 ; null ; null ; null ; 阳光花园|||
            城北街道长青社区 ; 长青社区 ; null ; null ; null ; null ; 城北街道长青社区
            长青居委会翠苑小区12栋302室 ; 长青居委会 ; 翠苑 ; 12 ; null ; 302 ; 翠苑|12||302
            翠苑十二栋三〇二室 ; null ; 翠苑 ; 12 ; null ; 302 ; 翠苑|12||302
            翠苑二十一幢 ; null ; 翠苑 ; 21 ; null ; null ; 翠苑|21||
            翠苑两栋 ; null ; 翠苑 ; 2 ; null ; null ; 翠苑|2||
            锦绣家园A座1单元1201 ; null ; 锦绣家园 ; A ; 1 ; 1201 ; 锦绣家园|A|1|1201
            锦绣家园a座1单元1201 ; null ; 锦绣家园 ; A ; 1 ; 1201 ; 锦绣家园|A|1|1201
            阳光花园二期5栋1单元101室 ; null ; 阳光花园2期 ; 5 ; 1 ; 101 ; 阳光花园2期|5|1|101
            阳光花园5-101 ; null ; 阳光花园 ; 5 ; null ; 101 ; 阳光花园|5||101
            新余市渝水区新城公寓 ; null ; 新城公寓 ; null ; null ; null ; 新城公寓|||
            渝水区胜利路88号 ; null ; null ; null ; null ; null ; 渝水区胜利路88号
            xx村5组12号 ; null ; XX村5组12号 ; null ; null ; null ; XX村5组12号|||
            仙女湖区观巢镇观巢村委会3组15号 ; 观巢村委会 ; null ; null ; null ; null ; 仙女湖区观巢镇观巢村委会3组15号
            新余市渝水区城南街道团结社区幸福里小区12栋1单元302 ; 团结社区 ; 幸福里 ; 12 ; 1 ; 302 ; 幸福里|12|1|302
            江西省新余市高新区马洪街道锦绣社区碧桂园十栋1203 ; 锦绣社区 ; 碧桂园 ; 10 ; null ; 1203 ; 碧桂园|10||1203
            北京市朝阳区建国路88号SOHO现代城A座1201室 ; null ; SOHO现代城 ; A ; null ; 1201 ; SOHO现代城|A||1201
            长青社区阳光花园3栋2单元401室（出租） ; 长青社区 ; 阳光花园 ; 3 ; 2 ; 401 ; 阳光花园|3|2|401
            阳光花园小区3号 ; null ; 阳光花园 ; 3 ; null ; null ; 阳光花园|3||
            阳光新村3号 ; null ; 阳光新村 ; 3 ; null ; null ; 阳光新村|3||
            渝水区劳动北路123号 ; null ; null ; null ; null ; null ; 渝水区劳动北路123号
            """)
    void parsesComponents(String raw, String community, String estate, String building, String unit, String room,
            String normalized) {
        Address a = Addresses.parse(raw);
        assertThat(a.getCommunity()).isEqualTo(community);
        assertThat(a.getEstate()).isEqualTo(estate);
        assertThat(a.getBuilding()).isEqualTo(building);
        assertThat(a.getUnit()).isEqualTo(unit);
        assertThat(a.getRoom()).isEqualTo(room);
        assertThat(a.getNormalized()).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "一, 1", "九, 9", "十, 10", "十一, 11", "十九, 19", "二十, 20", "二十三, 23", "九十九, 99",
        "两, 2", "〇, 0", "四〇一, 401", "一二〇一, 1201", "一百, 100", "一百零一, 101", "一百二十, 120",
    })
    void convertsChineseNumeralsToArabic(String numerals, String arabic) {
        assertThat(Addresses.arabic(numerals)).isEqualTo(arabic);
    }

    @Test
    void leavesNumeralsInsideNamesAlone() {
        assertThat(Addresses.parse("一品花园三栋").getEstate()).isEqualTo("一品花园");
        assertThat(Addresses.parse("十里铺小区2栋").getEstate()).isEqualTo("十里铺");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({"阳光花园小区, 阳光花园", "阳光花园, 阳光花园", "阳光小区, 阳光", "小区, 小区", "陽光花園, 阳光花园",
        "' 阳光 花园 ', 阳光花园"})
    void keysEstateWithOrWithoutXiaoqu(String name, String key) {
        assertThat(Addresses.estateName(name)).isEqualTo(key);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void readsNothingStatedAsNoAddress(String raw) {
        assertThat(Addresses.parse(raw)).isNull();
    }

    @Test
    void keepsALatinScriptAddressAsItsWordsWithoutReadingItAsAChineseOne() {
        Address a = Addresses.parse(" 8 Stanley  Street, Miami，Winston Hills 4223 NSW");
        assertThat(a.getNormalized()).isEqualTo("8 stanley street miami winston hills 4223 nsw");
        assertThat(a.getEstate()).isNull();
        assertThat(a.getBuilding()).isNull();
        assertThat(a.getCommunity()).isNull();
        assertThat(Addresses.parse("3-2-401").getNormalized()).as("no letters: still read as a Chinese address").isEqualTo("|3|2|401");
    }

    @Test
    void takesPartsStatedOnTheirOwnOverThoseReadFromTheText() {
        Address a = Addresses.parse("阳光花园3-2-401", new Addresses.Parts("长青社区", "阳光花园小区", "03", null, null));
        assertThat(a.getCommunity()).isEqualTo("长青社区");
        assertThat(a.getEstate()).isEqualTo("阳光花园");
        assertThat(a.getBuilding()).isEqualTo("3");
        assertThat(a.getUnit()).as("not stated: read from the text").isEqualTo("2");
        assertThat(a.getRoom()).isEqualTo("401");
        assertThat(a.getNormalized()).isEqualTo("阳光花园|3|2|401");

        Address rebuilt = Addresses.parse("胜利路88号", new Addresses.Parts(null, "幸福里", "12", "1", "302"));
        assertThat(rebuilt.getNormalized()).as("the normalized form follows the parts").isEqualTo("幸福里|12|1|302");
    }

    @Test
    void takesLatinScriptPartsAsWordsAndKeepsTheNormalizedFormOfTheWholeText() {
        Address a = Addresses.parse("8 stanley street miami winston hills 4223 nsw",
                new Addresses.Parts("Winston  Hills", "Stanley Street", "8", null, null));
        assertThat(a.getCommunity()).isEqualTo("winston hills");
        assertThat(a.getEstate()).isEqualTo("stanley street");
        assertThat(a.getBuilding()).isEqualTo("8");
        assertThat(a.getNormalized()).isEqualTo("8 stanley street miami winston hills 4223 nsw");
        assertThat(Addresses.parse(null, new Addresses.Parts(null, "stanley street", "8", null, null)))
                .as("parts without the text make no address").isNull();
    }

    @Test
    void keepsAnAddressItCannotReadWhole() {
        Address a = Addresses.parse("详见户口本");
        assertThat(a.getRaw()).isEqualTo("详见户口本");
        assertThat(a.getNormalized()).isNotBlank();
    }
}

package org.onegrid.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            陈晓明            | 陈晓明
            陳曉明            | 陈晓明
            劉麗華            | 刘丽华
            張偉              | 张伟
            鄭國強            | 郑国强
            歐陽鋒            | 欧阳锋
            ' 张三 '          | 张三
            张 三             | 张三
            张　三            | 张三
            ' 王  小  明 '    | 王小明
            阿卜杜拉·艾力     | 阿卜杜拉·艾力
            阿卜杜拉・艾力    | 阿卜杜拉·艾力
            阿卜杜拉•艾力     | 阿卜杜拉·艾力
            阿卜杜拉･艾力     | 阿卜杜拉·艾力
            阿卜杜拉.艾力     | 阿卜杜拉·艾力
            阿卜杜拉‧艾力     | 阿卜杜拉·艾力
            阿卜杜拉．艾力    | 阿卜杜拉·艾力
            阿卜杜拉 · 艾力   | 阿卜杜拉·艾力
            阿卜杜拉··艾力    | 阿卜杜拉·艾力
            ·阿卜杜拉·艾力·   | 阿卜杜拉·艾力
            买买提·吐尔逊     | 买买提·吐尔逊
            """)
    void standardizesChineseName(String stated, String expected) {
        assertThat(Names.standardize(stated)).isEqualTo(expected);
    }

    @Test
    void mergesTraditionalAndSimplifiedName() {
        assertThat(Names.standardize("陳麗")).isEqualTo(Names.standardize("陈丽"));
        assertThat(Names.pinyinKey("陳麗")).isEqualTo(Names.pinyinKey("陈丽"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            John Smith          | john smith
            '  JOHN   SMITH  '  | john smith
            Mary-Anne O'Brien   | mary-anne o'brien
            ＪＯＨＮ　ＳＭＩＴＨ  | john smith
            """)
    void standardizesLatinName(String stated, String expected) {
        assertThat(Names.standardize(stated)).isEqualTo(expected);
        assertThat(Names.pinyinKey(stated)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "\u3000", "·"})
    void readsNothingStatedAsNoName(String stated) {
        assertThat(Names.standardize(stated)).isNull();
        assertThat(Names.pinyinKey(stated)).isNull();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            陈晓明         | chen xiao ming
            陈小明         | chen xiao ming
            陳曉明         | chen xiao ming
            王丽           | wang li
            王莉           | wang li
            吕女士         | lv nv shi
            单雄信         | shan xiong xin
            曾国藩         | zeng guo fan
            解缙           | xie jin
            仇英           | qiu ying
            朴正熙         | piao zheng xi
            区志强         | ou zhi qiang
            查良镛         | zha liang yong
            乐嘉           | yue jia
            翟志刚         | zhai zhi gang
            万俟卨         | mo qi xie
            尉迟恭         | yu chi gong
            欧阳修         | ou yang xiu
            诸葛亮         | zhu ge liang
            阿卜杜拉·艾力  | a bu du la ai li
            李Lily         | li lily
            张3            | zhang 3
            张长江         | zhang chang jiang
            长孙无忌       | zhang sun wu ji
            """)
    void buildsTonelessPinyinKeyWithSurnameReadings(String name, String key) {
        assertThat(Names.pinyinKey(name)).isEqualTo(key);
    }

    @Test
    void readsPolyphonicCharacterAfterTheSurnameByItsCommonReading() {
        // 单 as a surname is shan, inside a given name dan
        assertThat(Names.pinyinKey("单单")).isEqualTo("shan dan");
    }

    @Test
    void givesHomophonesOneKey() {
        assertThat(Names.pinyinKey("张晓丽")).isEqualTo(Names.pinyinKey("张小莉"));
        assertThat(Names.pinyinKey("张晓丽")).isNotEqualTo(Names.pinyinKey("章晓丽").replace("zhang", "x"));
    }
}

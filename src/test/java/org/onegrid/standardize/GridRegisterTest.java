package org.onegrid.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onegrid.schema.Address;
import org.onegrid.schema.GridRef;
import org.onegrid.standardize.GridRegister.Community;
import org.onegrid.standardize.GridRegister.District;
import org.onegrid.standardize.GridRegister.Estate;
import org.onegrid.standardize.GridRegister.Grid;
import org.onegrid.standardize.GridRegister.Street;

class GridRegisterTest {

    /**
     * 新余市 › 渝水区 › 城北街道 › 长青社区 (阳光花园 split by building over two grids, 翠苑 whole in one)
     * and 新华社区 (another 阳光花园, whole), and 城南街道 › 团结社区 (no grids yet).
     */
    static final GridRegister REGISTER = new GridRegister("新余市", List.of(
            new District("360502", "渝水区", List.of(
                    new Street("360502001", "城北街道", List.of(
                            new Community("360502001001", "长青社区", List.of(
                                    new Grid("360502001001001", "长青第一网格", List.of(
                                            estate("阳光花园小区", "1-6", "8"),
                                            estate("翠苑"))),
                                    new Grid("360502001001002", "长青第二网格", List.of(
                                            estate("阳光花园", "7", "9-12", "A"))))),
                            new Community("360502001002", "新华社区", List.of(
                                    new Grid("360502001002001", "新华第一网格", List.of(
                                            estate("阳光花园"))))))),
                    new Street("360502002", "城南街道", List.of(
                            new Community("360502002001", "团结社区", null)))))));

    private static Estate estate(String name, String... buildings) {
        return new Estate(name, Arrays.asList(buildings));
    }

    private static final GridLocator LOCATOR = REGISTER.locator();

    @Test
    void acceptsASoundRegister() {
        assertThat(REGISTER.problems()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(nullValues = "null", textBlock = """
            长青社区阳光花园3栋2单元401室,   360502001001001
            江西省新余市渝水区城北街道长青社区阳光花园3栋2单元401室, 360502001001001
            长青社区阳光花园小区六栋一单元101, 360502001001001
            长青社区阳光花园8-1-101,         360502001001001
            长青社区阳光花园7-1-101,         360502001001002
            长青社区阳光花园12栋101,         360502001001002
            长青社区阳光花园A座101,          360502001001002
            长青社区翠苑9栋101,              360502001001001
            翠苑9栋101,                      360502001001001
            翠苑小区,                        360502001001001
            新华社区阳光花园3栋2单元401室,   360502001002001
            """)
    void placesAddressInItsGridByEstateAndBuilding(String raw, String grid) {
        Optional<GridRef> ref = LOCATOR.locate(Addresses.parse(raw));
        assertThat(ref).isPresent();
        assertThat(ref.get().getGrid()).isEqualTo(grid);
        assertThat(ref.get().getCommunity()).isEqualTo(grid.substring(0, 12));
        assertThat(ref.get().getStreet()).isEqualTo(grid.substring(0, 9));
        assertThat(ref.get().getDistrict()).isEqualTo("360502");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(textBlock = """
            长青社区阳光花园20栋101,   360502001001
            长青社区阳光花园,          360502001001
            长青社区新建小区5栋101,     360502001001
            城北街道长青社区,          360502001001
            团结社区幸福里3栋101,      360502002001
            """)
    void placesAtCommunityLevelWhenTheGridIsNotKnown(String raw, String community) {
        GridRef ref = LOCATOR.locate(Addresses.parse(raw)).orElseThrow();
        assertThat(ref.getCommunity()).isEqualTo(community);
        assertThat(ref.getGrid()).isNull();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            阳光花园3栋2单元401室
            幸福里3栋101
            光明社区幸福里3栋101
            渝水区胜利路88号
            """)
    void placesNothingWhenTheRegisterDoesNotSayWhere(String raw) {
        assertThat(LOCATOR.locate(Addresses.parse(raw))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({"长青社区, 长青", "长青居委会, 长青", "长青居民委员会, 长青", "观巢村委会, 观巢村", "观巢村民委员会, 观巢村",
        "观巢村, 观巢村", "社区, 社区"})
    void keysCommunityWithOrWithoutItsSuffix(String name, String key) {
        assertThat(Addresses.communityName(name)).isEqualTo(key);
    }

    @Test
    void setsTheGridOnACopyOfTheAddress() {
        Address parsed = Addresses.parse("翠苑9栋101");
        Address placed = LOCATOR.place(parsed);
        assertThat(placed.getGrid().getGrid()).isEqualTo("360502001001001");
        assertThat(parsed.getGrid()).isNull();
        assertThat(LOCATOR.place(Addresses.parse("幸福里3栋101")).getGrid()).isNull();
    }

    @Test
    void handsOutGridRefsThatCannotChangeTheRegister() {
        LOCATOR.locate(Addresses.parse("翠苑9栋101")).orElseThrow().setGrid("tampered");
        assertThat(LOCATOR.locate(Addresses.parse("翠苑9栋101")).orElseThrow().getGrid()).isEqualTo("360502001001001");
    }

    @Test
    void readsAbsentListsAsEmpty() {
        GridRegister empty = new GridRegister("新余市", null);
        assertThat(empty.districts()).isEmpty();
        assertThat(empty.problems()).isEmpty();
        assertThat(new Estate("翠苑", null).buildings()).isEmpty();
        assertThat(empty.locator().locate(Addresses.parse("翠苑9栋101"))).isEmpty();
    }

    @Test
    void reportsEveryProblemOfAnUnsoundRegister() {
        GridRegister bad = new GridRegister(" ", List.of(
                new District("360502", "渝水区", List.of(
                        new Street("360502001", "城北街道", List.of(
                                new Community("360502001001", "长青社区", List.of(
                                        new Grid("G1", "一", List.of(estate("阳光花园", "1-6", "6-1", "x-y"))),
                                        new Grid("G2", "二", List.of(estate("阳光花园小区", "5"), estate("翠苑"))),
                                        new Grid("G1", null, List.of(estate("翠苑", "3"), estate(" "))))))),
                        new Street("360502001", "城南街道", null))),
                new District(null, "仙女湖区", null)));
        assertThat(bad.problems()).containsExactly(
                "city: the city's name is missing",
                "districts[0].streets[0].communities[0].grids[0].estates[0].buildings[1]: not a building number,"
                        + " a range like 1-6 (low to high) or a building name",
                "districts[0].streets[0].communities[0].grids[0].estates[0].buildings[2]: not a building number,"
                        + " a range like 1-6 (low to high) or a building name",
                "districts[0].streets[0].communities[0].grids[1].estates[0]: buildings 5 of estate 阳光花园小区"
                        + " are also placed in grid districts[0].streets[0].communities[0].grids[0]",
                "districts[0].streets[0].communities[0].grids[2].code: grid code G1 is already used by"
                        + " districts[0].streets[0].communities[0].grids[0]",
                "districts[0].streets[0].communities[0].grids[2].name: the grid's name is missing",
                "districts[0].streets[0].communities[0].grids[2].estates[0]: buildings 3 of estate 翠苑"
                        + " are also placed in grid districts[0].streets[0].communities[0].grids[1]",
                "districts[0].streets[0].communities[0].grids[2].estates[1].name: the estate's name is missing",
                "districts[0].streets[1].code: street code 360502001 is already used by districts[0].streets[0]",
                "districts[1].code: the district's code is missing");
    }

    @ParameterizedTest(name = "[{index}] {0} contains {1}: {2}")
    @CsvSource(textBlock = """
            1-6, 1,  true
            1-6, 6,  true
            1-6, 7,  false
            8,   8,  true
            08,  8,  true
            8,   18, false
            A,   A,  true
            a,   A,  true
            A,   B,  false
            1-6, A,  false
            """)
    void readsBuildingEntriesAsNumbersRangesOrNames(String spec, String building, boolean contained) {
        assertThat(GridRegister.Buildings.parse(spec).contains(building)).isEqualTo(contained);
    }
}

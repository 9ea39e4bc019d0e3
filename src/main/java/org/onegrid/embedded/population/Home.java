package org.onegrid.embedded.population;

/** Where a household lives: its place in the grid register and its flat (estate, building, unit, room). */
public record Home(
        String districtCode,
        String district,
        String streetCode,
        String street,
        String communityCode,
        String community,
        String gridCode,
        String estate,
        int building,
        int unit,
        int room) {

    /** Full style, as public security writes it: 江西省新余市渝水区城北街道长青社区阳光花园3栋2单元401室. */
    public String fullAddress() {
        return "江西省新余市" + district + street + community + estate + building + "栋" + unit + "单元" + room + "室";
    }

    /** Short style, as civil affairs writes it: 阳光花园3-2-401. */
    String shortAddress() {
        return estate + building + "-" + unit + "-" + room;
    }

    /** Health style: 阳光花园小区三栋二单元401, building and unit in Chinese numerals. */
    String healthAddress() {
        String e = estate.endsWith("小区") ? estate : estate + "小区";
        return e + Numerals.chinese(building) + "栋" + Numerals.chinese(unit) + "单元" + room;
    }

    /** Party-building style: 渝水区城北街道长青社区阳光花园3栋2单元401. */
    String partyAddress() {
        return district + street + community + estate + building + "栋" + unit + "单元" + room;
    }
}

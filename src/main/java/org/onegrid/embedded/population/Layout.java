package org.onegrid.embedded.population;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The built city: the register, and for every household index the flat it lives in. Communities
 * are built one after another until every household has a flat; an estate may span several grids
 * of its community, which then list its building ranges.
 */
final class Layout {

    private static final String CITY = "新余市";
    private static final String[][] DISTRICTS = {{"360502", "渝水区"}, {"360521", "分宜县"}};
    private static final double FIRST_DISTRICT_SHARE = 0.75;
    private static final String[][] STREET_NAMES = {
        {"城北街道", "城南街道", "袁河街道", "新钢街道", "孔目江街道", "北湖街道", "仙来街道", "马洪街道", "长林街道",
            "胜利街道", "天工街道", "抱石街道", "秀水街道", "渝州街道", "珠珊镇", "罗坊镇", "姚圩镇", "水西镇", "下村镇",
            "良山镇", "欧里镇", "观巢镇", "河下镇", "水北镇", "南安乡", "人和乡", "九龙山乡", "新溪乡", "鹄山乡", "界水乡"},
        {"钤阳街道", "江口街道", "昌山街道", "袁岭街道", "介桥街道", "分宜镇", "杨桥镇", "湖泽镇", "双林镇", "钤山镇",
            "洋江镇", "凤阳乡", "操场乡", "高岚乡", "防里乡"}};
    private static final String COMMUNITY_PREFIXES = "长青胜利北湖仙来长林新欣团结劳动光明红旗前进和平幸福建设解放东风朝阳向阳新华人民"
            + "文化春龙湖泽百花抱石秀水袁河天工钤阳昌山孔目渝州新城城东城西滨江玉龙凤凰环城沿江工农站前钢城湖西湖东双凤"
            + "龙腾瑞康恒泰福田金桥江南丰收柳溪桂花松山竹园枫林";
    private static final String[] COMMUNITY_VARIANTS = {"", "东", "西", "南", "北", "新"};
    private static final String ESTATE_PREFIXES = "阳光锦绣长青翠湖金色滨江御景碧水紫荆春晖丽景世纪新城东方盛世香榭明珠凯旋怡和天悦"
            + "华美学府书香康居和谐江南湖畔龙湾凤凰铂悦君临恒大万象鸿福嘉和景和宏远祥和兴业绿地名门水岸颐和都市福星泰和盛景"
            + "银河观澜";
    private static final String[] ESTATE_SUFFIXES = {"花园", "家园", "小区", "苑", "新村", "华庭", "名都", "雅居", "公寓", "城", "庄园", "佳苑"};
    private static final String[] PHASES = {"", "二期", "三期", "四期", "五期", "六期", "七期", "八期", "九期"};

    final City city;
    final int households;

    // Per building: the first household index living in it, and its shape.
    private final int[] buildingFirst;
    private final int[] buildingOccupied;
    private final int[] buildingNumber;
    private final int[] buildingUnits;
    private final int[] buildingFloors;
    private final int[] buildingRoomsPerFloor;
    private final int[] buildingEstate;
    private final int[] buildingGrid;
    private final List<String> estateNames;
    private final List<String> gridCodes;
    private final int[] gridCommunity;
    private final List<String[]> communities; // code, name, streetIndex
    private final int[] communityStreet;
    private final List<String[]> streets; // code, name
    private final int[] streetDistrict;

    private Layout(Builder b, City city) {
        this.city = city;
        this.households = b.households;
        int n = b.buildings;
        this.buildingFirst = Arrays.copyOf(b.first, n);
        this.buildingOccupied = Arrays.copyOf(b.occupied, n);
        this.buildingNumber = Arrays.copyOf(b.number, n);
        this.buildingUnits = Arrays.copyOf(b.units, n);
        this.buildingFloors = Arrays.copyOf(b.floors, n);
        this.buildingRoomsPerFloor = Arrays.copyOf(b.roomsPerFloor, n);
        this.buildingEstate = Arrays.copyOf(b.estate, n);
        this.buildingGrid = Arrays.copyOf(b.grid, n);
        this.estateNames = b.estateNames;
        this.gridCodes = b.gridCodes;
        this.gridCommunity = b.gridCommunity.stream().mapToInt(Integer::intValue).toArray();
        this.communities = b.communityRows;
        this.communityStreet = b.communityStreet.stream().mapToInt(Integer::intValue).toArray();
        this.streets = b.streetRows;
        this.streetDistrict = b.streetDistrict.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The flat of household {@code h} (0 ≤ h < households). */
    Home home(int h) {
        int b = Arrays.binarySearch(buildingFirst, h);
        if (b < 0) {
            b = -b - 2;
        }
        int capacity = buildingUnits[b] * buildingFloors[b] * buildingRoomsPerFloor[b];
        int slot = (int) ((long) (h - buildingFirst[b]) * capacity / buildingOccupied[b]);
        int perUnit = buildingFloors[b] * buildingRoomsPerFloor[b];
        int unit = slot / perUnit + 1;
        int inUnit = slot % perUnit;
        int room = (inUnit / buildingRoomsPerFloor[b] + 1) * 100 + inUnit % buildingRoomsPerFloor[b] + 1;
        int grid = buildingGrid[b];
        int community = gridCommunity[grid];
        int street = communityStreet[community];
        String[] s = streets.get(street);
        String[] c = communities.get(community);
        String[] d = DISTRICTS[streetDistrict[street]];
        return new Home(d[0], d[1], s[0], s[1], c[0], c[1], gridCodes.get(grid), estateNames.get(buildingEstate[b]),
                buildingNumber[b], unit, room);
    }

    /** Index of the community of household {@code h}, for per-community tables such as family doctors. */
    int communityIndex(int h) {
        int b = Arrays.binarySearch(buildingFirst, h);
        if (b < 0) {
            b = -b - 2;
        }
        return gridCommunity[buildingGrid[b]];
    }

    static Layout build(long seed, int households) {
        Builder b = new Builder(households);
        int remaining = households;
        int community = 0;
        while (remaining > 0) {
            remaining -= b.community(Rng.of(seed, Rng.COMMUNITY, community), community, remaining);
            community++;
        }
        return b.finish(seed);
    }

    private static String estateName(int index) {
        int combos = ESTATE_PREFIXES.length() / 2 * ESTATE_SUFFIXES.length;
        int phase = index / combos;
        int k = (int) ((index % combos) * 331L % combos); // 331 is coprime with the number of combinations
        String prefix = ESTATE_PREFIXES.substring(k % (ESTATE_PREFIXES.length() / 2) * 2, k % (ESTATE_PREFIXES.length() / 2) * 2 + 2);
        String suffix = ESTATE_SUFFIXES[k / (ESTATE_PREFIXES.length() / 2)];
        return prefix + suffix + (phase < PHASES.length ? PHASES[phase] : phase + 1 + "期");
    }

    private static String communityName(int index) {
        int prefixes = COMMUNITY_PREFIXES.length() / 2;
        int variant = index / prefixes;
        String prefix = COMMUNITY_PREFIXES.substring(index % prefixes * 2, index % prefixes * 2 + 2);
        return prefix + (variant < COMMUNITY_VARIANTS.length ? COMMUNITY_VARIANTS[variant] : Numerals.chinese(variant)) + "社区";
    }

    /** Accumulates buildings, grids and communities while the city is laid out. */
    private static final class Builder {
        final int households;
        int buildings;
        int[] first = new int[64];
        int[] occupied = new int[64];
        int[] number = new int[64];
        int[] units = new int[64];
        int[] floors = new int[64];
        int[] roomsPerFloor = new int[64];
        int[] estate = new int[64];
        int[] grid = new int[64];
        final List<String> estateNames = new ArrayList<>();
        final List<String> gridCodes = new ArrayList<>();
        final List<Integer> gridCommunity = new ArrayList<>();
        final List<Integer> gridHouseholds = new ArrayList<>();
        // Per grid, the estates it covers: estate index, first and last building number.
        final List<List<int[]>> gridEstates = new ArrayList<>();
        final List<int[]> estateBuildingCount = new ArrayList<>();
        final List<String[]> communityRows = new ArrayList<>();
        final List<Integer> communityStreet = new ArrayList<>();
        final List<Integer> communityGridCount = new ArrayList<>();
        final List<String[]> streetRows = new ArrayList<>();
        final List<Integer> streetDistrict = new ArrayList<>();
        int placed;

        Builder(int households) {
            this.households = households;
        }

        /** Lays out one community of 2 to 6 grids; returns how many households it houses. */
        int community(SplittableRandom r, int communityIndex, int remaining) {
            int gridQuota = 2 + r.nextInt(5);
            int housed = 0;
            int gridsMade = 0;
            while (gridsMade < gridQuota && housed < remaining) {
                int gridIndex = gridCodes.size();
                gridCodes.add(null);
                gridCommunity.add(communityIndex);
                gridEstates.add(new ArrayList<>());
                int inGrid = 0;
                int target = 300 + r.nextInt(201);
                while (inGrid < target && housed < remaining) {
                    int[] open = estateBuildingCount.isEmpty() ? null : estateBuildingCount.get(estateBuildingCount.size() - 1);
                    if (open == null || open[1] >= open[2] || open[3] != communityIndex) {
                        open = newEstate(r, communityIndex);
                    }
                    int floorsNow = open[4];
                    int unitsNow = open[5];
                    int rpf = open[6];
                    int capacity = floorsNow * unitsNow * rpf;
                    int occ = Math.max(1, (int) Math.round(capacity * (0.85 + 0.15 * r.nextDouble())));
                    if (inGrid > 0 && inGrid + occ > 500) {
                        break;
                    }
                    occ = Math.min(occ, remaining - housed);
                    open[1]++;
                    addBuilding(open[0], open[1], unitsNow, floorsNow, rpf, occ, gridIndex);
                    List<int[]> covered = gridEstates.get(gridIndex);
                    int[] last = covered.isEmpty() ? null : covered.get(covered.size() - 1);
                    if (last != null && last[0] == open[0]) {
                        last[2] = open[1];
                    } else {
                        covered.add(new int[] {open[0], open[1], open[1]});
                    }
                    inGrid += occ;
                    housed += occ;
                }
                gridHouseholds.add(inGrid);
                gridsMade++;
            }
            communityGridCount.add(gridsMade);
            return housed;
        }

        /** Estate row: index, buildings made, buildings planned, community, floors, units, rooms per floor. */
        private int[] newEstate(SplittableRandom r, int communityIndex) {
            int index = estateNames.size();
            estateNames.add(estateName(index));
            int kind = r.nextInt(10);
            int floorsNow;
            int unitsNow;
            int rpf;
            if (kind < 5) { // walk-up blocks of the 1990s and 2000s
                floorsNow = 5 + r.nextInt(3);
                unitsNow = 2 + r.nextInt(3);
                rpf = 2;
            } else if (kind < 8) {
                floorsNow = 11;
                unitsNow = 2;
                rpf = 2 + r.nextInt(2) * 2;
            } else {
                floorsNow = 18;
                unitsNow = 1 + r.nextInt(2);
                rpf = 4;
            }
            int[] row = {index, 0, 3 + r.nextInt(22), communityIndex, floorsNow, unitsNow, rpf};
            estateBuildingCount.add(row);
            return row;
        }

        private void addBuilding(int estateIndex, int num, int u, int f, int rpf, int occ, int gridIndex) {
            if (buildings == first.length) {
                int n = buildings * 2;
                first = Arrays.copyOf(first, n);
                occupied = Arrays.copyOf(occupied, n);
                number = Arrays.copyOf(number, n);
                units = Arrays.copyOf(units, n);
                floors = Arrays.copyOf(floors, n);
                roomsPerFloor = Arrays.copyOf(roomsPerFloor, n);
                estate = Arrays.copyOf(estate, n);
                grid = Arrays.copyOf(grid, n);
            }
            first[buildings] = placed;
            occupied[buildings] = occ;
            number[buildings] = num;
            units[buildings] = u;
            floors[buildings] = f;
            roomsPerFloor[buildings] = rpf;
            estate[buildings] = estateIndex;
            grid[buildings] = gridIndex;
            buildings++;
            placed += occ;
        }

        /** Groups communities into streets and streets into districts, assigns codes, builds the register. */
        Layout finish(long seed) {
            int communityCount = communityGridCount.size();
            List<int[]> streetSpans = new ArrayList<>(); // first community, count
            int c = 0;
            while (c < communityCount) {
                int size = 3 + Rng.of(seed, Rng.STREET, streetSpans.size()).nextInt(6);
                size = Math.min(size, communityCount - c);
                streetSpans.add(new int[] {c, size});
                c += size;
            }
            int streetCount = streetSpans.size();
            int firstDistrictStreets = streetCount == 1 ? 1 : Math.max(1, Math.min(streetCount - 1, (int) Math.round(streetCount * FIRST_DISTRICT_SHARE)));
            for (int i = 0; i < communityCount; i++) {
                communityRows.add(null);
                communityStreet.add(0);
            }
            // Estate building totals, to tell a whole estate from a part of one.
            int[] estateTotal = new int[estateNames.size()];
            for (int[] row : estateBuildingCount) {
                estateTotal[row[0]] = row[1];
            }
            List<City.District> districts = new ArrayList<>();
            int gridCursor = 0;
            for (int d = 0; d < DISTRICTS.length; d++) {
                int from = d == 0 ? 0 : firstDistrictStreets;
                int to = d == 0 ? firstDistrictStreets : streetCount;
                List<City.Street> streetList = new ArrayList<>();
                // Township codes by kind (rules for codes below county level): 001-099 sub-districts, 1xx towns, 2xx townships.
                int[] byKind = {0, 100, 200};
                for (int s = from; s < to; s++) {
                    int local = s - from + 1;
                    String[] names = STREET_NAMES[d];
                    String streetName = local <= names.length ? names[local - 1]
                            : names[(local - 1) % names.length].replaceAll("(街道|镇|乡)$", "")
                                    + Numerals.chinese((local - 1) / names.length + 1) + "街道";
                    int kind = streetName.endsWith("镇") ? 1 : streetName.endsWith("乡") ? 2 : 0;
                    String streetCode = DISTRICTS[d][0] + pad3(++byKind[kind]);
                    streetRows.add(new String[] {streetCode, streetName});
                    streetDistrict.add(d);
                    List<City.Community> communityList = new ArrayList<>();
                    int[] span = streetSpans.get(s);
                    for (int k = 0; k < span[1]; k++) {
                        int ci = span[0] + k;
                        String communityCode = streetCode + pad3(k + 1);
                        String communityName = communityName(ci);
                        communityRows.set(ci, new String[] {communityCode, communityName});
                        communityStreet.set(ci, streetRows.size() - 1);
                        List<City.Grid> grids = new ArrayList<>();
                        for (int g = 0; g < communityGridCount.get(ci); g++) {
                            String gridCode = communityCode + "-" + (g < 9 ? "0" : "") + (g + 1);
                            gridCodes.set(gridCursor, gridCode);
                            List<City.Estate> estates = new ArrayList<>();
                            for (int[] e : gridEstates.get(gridCursor)) {
                                boolean whole = e[1] == 1 && e[2] == estateTotal[e[0]];
                                List<String> range = whole ? null : List.of(e[1] == e[2] ? String.valueOf(e[1]) : e[1] + "-" + e[2]);
                                estates.add(new City.Estate(estateNames.get(e[0]), range));
                            }
                            grids.add(new City.Grid(gridCode, "第" + Numerals.chinese(g + 1) + "网格", estates));
                            gridCursor++;
                        }
                        communityList.add(new City.Community(communityCode, communityName, grids));
                    }
                    streetList.add(new City.Street(streetCode, streetName, communityList));
                }
                if (!streetList.isEmpty()) {
                    districts.add(new City.District(DISTRICTS[d][0], DISTRICTS[d][1], streetList));
                }
            }
            return new Layout(this, new City(CITY, districts));
        }

        private static String pad3(int n) {
            return n < 10 ? "00" + n : n < 100 ? "0" + n : String.valueOf(n);
        }
    }
}

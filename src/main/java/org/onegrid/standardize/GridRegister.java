package org.onegrid.standardize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The city's grid register: city → districts → streets (街道) → communities (社区) → grids (网格)
 * → estates (小区) and their buildings. Configuration, bound from YAML elsewhere; plain records
 * with simple field types. An absent list is an empty list.
 *
 * <p>A grid lists the estates it covers; an estate's {@code buildings} are numbers ({@code "8"}),
 * inclusive ranges ({@code "1-6"}) or names ({@code "A"}); no buildings means the whole estate.
 * One estate may be split across grids by building.
 *
 * @param city      the city's name
 * @param districts its districts
 */
public record GridRegister(String city, List<District> districts) {

    public GridRegister {
        districts = listOf(districts);
    }

    /** A district (区/县). */
    public record District(String code, String name, List<Street> streets) {
        public District {
            streets = listOf(streets);
        }
    }

    /** A street (街道) or town (镇). */
    public record Street(String code, String name, List<Community> communities) {
        public Street {
            communities = listOf(communities);
        }
    }

    /** A community (社区) or village (村). */
    public record Community(String code, String name, List<Grid> grids) {
        public Community {
            grids = listOf(grids);
        }
    }

    /** A grid (网格): one grid worker's 300 to 500 households. */
    public record Grid(String code, String name, List<Estate> estates) {
        public Grid {
            estates = listOf(estates);
        }
    }

    /** An estate (小区), or the buildings of it that belong to one grid; none listed: all of it. */
    public record Estate(String name, List<String> buildings) {
        public Estate {
            buildings = listOf(buildings);
        }
    }

    private static final Pattern BUILDING = Pattern.compile("(\\d+)(?:-(\\d+))?|[A-Za-z0-9]+");

    /** A locator over this register (builds an index; build once, reuse). */
    public GridLocator locator() {
        return GridLocator.of(this);
    }

    /**
     * Everything wrong with this register, each as {@code key: message}, where key is the path of
     * the offending entry (e.g. {@code districts[0].streets[1].code}). Empty when it is sound.
     * Checks: missing codes and names, codes used twice at one level, building entries that are
     * neither a number, a range nor a name, and one building of an estate placed in two grids.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (city == null || city.isBlank()) {
            problems.add("city: the city's name is missing");
        }
        Map<String, String> districtCodes = new HashMap<>();
        Map<String, String> streetCodes = new HashMap<>();
        Map<String, String> communityCodes = new HashMap<>();
        Map<String, String> gridCodes = new HashMap<>();
        for (int d = 0; d < districts.size(); d++) {
            District district = districts.get(d);
            String dk = "districts[" + d + "]";
            if (district == null) {
                problems.add(dk + ": the entry is empty");
                continue;
            }
            checkEntry(problems, dk, "district", district.code(), district.name(), districtCodes);
            for (int s = 0; s < district.streets().size(); s++) {
                Street street = district.streets().get(s);
                String sk = dk + ".streets[" + s + "]";
                if (street == null) {
                    problems.add(sk + ": the entry is empty");
                    continue;
                }
                checkEntry(problems, sk, "street", street.code(), street.name(), streetCodes);
                for (int c = 0; c < street.communities().size(); c++) {
                    Community community = street.communities().get(c);
                    String ck = sk + ".communities[" + c + "]";
                    if (community == null) {
                        problems.add(ck + ": the entry is empty");
                        continue;
                    }
                    checkEntry(problems, ck, "community", community.code(), community.name(), communityCodes);
                    checkGrids(problems, ck, community, gridCodes);
                }
            }
        }
        return problems;
    }

    private static void checkGrids(List<String> problems, String ck, Community community,
            Map<String, String> gridCodes) {
        /* estate name -> placements seen so far in this community, to find a building in two grids */
        Map<String, List<Placed>> placed = new HashMap<>();
        for (int g = 0; g < community.grids().size(); g++) {
            Grid grid = community.grids().get(g);
            String gk = ck + ".grids[" + g + "]";
            if (grid == null) {
                problems.add(gk + ": the entry is empty");
                continue;
            }
            checkEntry(problems, gk, "grid", grid.code(), grid.name(), gridCodes);
            for (int e = 0; e < grid.estates().size(); e++) {
                Estate estate = grid.estates().get(e);
                String ek = gk + ".estates[" + e + "]";
                if (estate == null || estate.name() == null || estate.name().isBlank()) {
                    problems.add(ek + ".name: the estate's name is missing");
                    continue;
                }
                List<Buildings> specs = new ArrayList<>();
                for (int b = 0; b < estate.buildings().size(); b++) {
                    Buildings spec = Buildings.parse(estate.buildings().get(b));
                    if (spec == null) {
                        problems.add(ek + ".buildings[" + b + "]: not a building number, a range like 1-6"
                                + " (low to high) or a building name");
                    } else {
                        specs.add(spec);
                    }
                }
                if (estate.buildings().isEmpty()) {
                    specs.add(Buildings.WHOLE);
                }
                List<Placed> earlier = placed.computeIfAbsent(Addresses.estateName(estate.name()),
                        k -> new ArrayList<>());
                for (Buildings spec : specs) {
                    for (Placed p : earlier) {
                        if (!p.gridKey().equals(gk) && p.buildings().overlaps(spec)) {
                            problems.add(ek + ": buildings " + spec + " of estate " + estate.name()
                                    + " are also placed in grid " + p.gridKey());
                        }
                    }
                }
                for (Buildings spec : specs) {
                    earlier.add(new Placed(gk, spec));
                }
            }
        }
    }

    private static void checkEntry(List<String> problems, String key, String level, String code, String name,
            Map<String, String> seen) {
        if (code == null || code.isBlank()) {
            problems.add(key + ".code: the " + level + "'s code is missing");
        } else {
            String first = seen.putIfAbsent(code.strip(), key);
            if (first != null) {
                problems.add(key + ".code: " + level + " code " + code.strip() + " is already used by " + first);
            }
        }
        if (name == null || name.isBlank()) {
            problems.add(key + ".name: the " + level + "'s name is missing");
        }
    }

    private record Placed(String gridKey, Buildings buildings) {
    }

    /** One entry of an estate's building list: all buildings, a numeric range, or one named building. */
    record Buildings(int from, int to, String name) {

        static final Buildings WHOLE = new Buildings(Integer.MIN_VALUE, Integer.MAX_VALUE, null);

        static Buildings parse(String spec) {
            if (spec == null) {
                return null;
            }
            String s = Text.removeSpaces(Text.halfWidth(spec)).toUpperCase(java.util.Locale.ROOT);
            Matcher m = BUILDING.matcher(s);
            if (!m.matches()) {
                return null;
            }
            if (m.group(1) == null) {
                return new Buildings(0, -1, s.replaceFirst("^0+(?=.)", ""));
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            return from <= to ? new Buildings(from, to, null) : null;
        }

        boolean isWhole() {
            return this.equals(WHOLE);
        }

        boolean contains(String building) {
            if (isWhole()) {
                return true;
            }
            if (name != null) {
                return name.equals(building);
            }
            if (building == null || !building.matches("\\d{1,9}")) {
                return false;
            }
            int n = Integer.parseInt(building);
            return n >= from && n <= to;
        }

        boolean overlaps(Buildings other) {
            if (isWhole() || other.isWhole()) {
                return true;
            }
            if (name != null || other.name != null) {
                return name != null ? other.contains(name) : contains(other.name);
            }
            return from <= other.to && other.from <= to;
        }

        @Override
        public String toString() {
            return isWhole() ? "(all)" : name != null ? name : from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}

package org.onegrid.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.onegrid.schema.GridRef;

/**
 * A subscriber's region: the whole city, or any number of nodes of the grid hierarchy (district, street, community,
 * grid, by the codes of the city's grid register). A person is in scope when the grid of their golden record lies at
 * or under one of the nodes. A person the register could not place (no grid) is in the city's scope only.
 *
 * @param city the whole city
 * @param districts district codes
 * @param streets street (街道) codes
 * @param communities community (社区) codes
 * @param grids grid (网格) codes
 */
public record RegionScope(boolean city, Set<String> districts, Set<String> streets, Set<String> communities,
                          Set<String> grids) {

    /** The levels of the hierarchy under the city, as written in a subscriber file's {@code scope:} block. */
    public enum Level {
        DISTRICT("districts", "district"), STREET("streets", "street"), COMMUNITY("communities", "community"),
        GRID("grids", "grid");

        private final String key;
        private final String singular;

        Level(String key, String singular) {
            this.key = key;
            this.singular = singular;
        }

        public String key() {
            return key;
        }

        /** As a node is named in the API and the audit log: {@code grid:<code>}. */
        public String singular() {
            return singular;
        }

        /** The code of this level in a grid reference; null when the reference stops above it. */
        public String codeOf(GridRef ref) {
            return switch (this) {
                case DISTRICT -> ref.getDistrict();
                case STREET -> ref.getStreet();
                case COMMUNITY -> ref.getCommunity();
                case GRID -> ref.getGrid();
            };
        }
    }

    public RegionScope {
        districts = Set.copyOf(districts);
        streets = Set.copyOf(streets);
        communities = Set.copyOf(communities);
        grids = Set.copyOf(grids);
    }

    public static RegionScope wholeCity() {
        return new RegionScope(true, Set.of(), Set.of(), Set.of(), Set.of());
    }

    public Set<String> codes(Level level) {
        return switch (level) {
            case DISTRICT -> districts;
            case STREET -> streets;
            case COMMUNITY -> communities;
            case GRID -> grids;
        };
    }

    /** Whether a person living in {@code grid} (null: not placed) is in this scope. */
    public boolean contains(GridRef grid) {
        if (city) {
            return true;
        }
        if (grid == null) {
            return false;
        }
        for (Level level : Level.values()) {
            String code = level.codeOf(grid);
            if (code != null && codes(level).contains(code)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the whole of the node {@code level:code} lies inside this scope (the node itself or an ancestor is in it). */
    public boolean covers(Level level, String code, GridRef nodeRef) {
        if (city) {
            return true;
        }
        if (codes(level).contains(code)) {
            return true;
        }
        if (nodeRef == null) {
            return false;
        }
        for (Level above : Level.values()) {
            if (above.ordinal() >= level.ordinal()) {
                break;
            }
            String ancestor = above.codeOf(nodeRef);
            if (ancestor != null && codes(above).contains(ancestor)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return !city && districts.isEmpty() && streets.isEmpty() && communities.isEmpty() && grids.isEmpty();
    }

    @Override
    public String toString() {
        if (city) {
            return "city";
        }
        List<String> nodes = new ArrayList<>();
        for (Level level : Level.values()) {
            codes(level).stream().sorted().forEach(code -> nodes.add(level.singular() + ":" + code));
        }
        return String.join(",", nodes);
    }
}

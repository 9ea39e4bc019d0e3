package org.onegrid.standardize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.onegrid.schema.Address;
import org.onegrid.schema.GridRef;

/**
 * Places a parsed {@link Address} in the city's grid hierarchy, by the {@link GridRegister}.
 *
 * <p>Rules, in order:
 * <ol>
 * <li>The estate is looked up by name, normalized as {@link Addresses} does (with or without
 * 小区). When the address names a community, estates of that community are preferred (two
 * communities may each have a 阳光花园).</li>
 * <li>With a building number: the grid whose entry lists that building or holds the whole
 * estate, when there is exactly one. Without a building number: the grid when the whole estate
 * is in one grid.</li>
 * <li>When that leaves no single grid (the building is not in the register, or the estate is split
 * across grids and the address has no building) but all candidates are in one community, the
 * address is placed at community level: the GridRef has district, street and community, and
 * grid null.</li>
 * <li>When the estate is unknown but the address names a community the register knows (by name,
 * with or without 社区, and only one community has that name), it is placed at community level.</li>
 * <li>Otherwise nothing: the mapping step raises ADDRESS_NOT_IN_GRID.</li>
 * </ol>
 * Immutable and thread-safe once built.
 */
public final class GridLocator {

    private record Placement(String community, GridRegister.Buildings buildings, GridRef grid, GridRef communityRef) {
    }

    private final Map<String, List<Placement>> byEstate = new HashMap<>();
    private final Map<String, List<GridRef>> byCommunity = new HashMap<>();

    private GridLocator(GridRegister register) {
        for (GridRegister.District d : register.districts()) {
            if (d == null) {
                continue;
            }
            for (GridRegister.Street s : d.streets()) {
                if (s == null) {
                    continue;
                }
                for (GridRegister.Community c : s.communities()) {
                    if (c == null) {
                        continue;
                    }
                    GridRef communityRef = new GridRef(d.code(), s.code(), c.code(), null);
                    String communityKey = c.name() == null ? null : Addresses.communityName(c.name());
                    if (communityKey != null) {
                        byCommunity.computeIfAbsent(communityKey, k -> new ArrayList<>()).add(communityRef);
                    }
                    for (GridRegister.Grid g : c.grids()) {
                        if (g == null) {
                            continue;
                        }
                        GridRef gridRef = new GridRef(d.code(), s.code(), c.code(), g.code());
                        for (GridRegister.Estate e : g.estates()) {
                            if (e == null || e.name() == null || e.name().isBlank()) {
                                continue;
                            }
                            List<Placement> placements = byEstate.computeIfAbsent(Addresses.estateName(e.name()),
                                    k -> new ArrayList<>());
                            if (e.buildings().isEmpty()) {
                                placements.add(new Placement(communityKey, GridRegister.Buildings.WHOLE, gridRef,
                                        communityRef));
                            }
                            for (String b : e.buildings()) {
                                GridRegister.Buildings spec = GridRegister.Buildings.parse(b);
                                if (spec != null) {
                                    placements.add(new Placement(communityKey, spec, gridRef, communityRef));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Indexes a register. Works on an unsound register too (see {@link GridRegister#problems()}). */
    public static GridLocator of(GridRegister register) {
        return new GridLocator(register);
    }

    /** The grid (or, failing that, the community) of an address; empty when the register does not place it. */
    public Optional<GridRef> locate(Address address) {
        if (address == null) {
            return Optional.empty();
        }
        String community = address.getCommunity() == null ? null : Addresses.communityName(address.getCommunity());
        String estate = address.getEstate() == null ? null : Addresses.estateName(address.getEstate());
        List<Placement> candidates = estate == null ? List.of() : byEstate.getOrDefault(estate, List.of());
        if (community != null) {
            List<Placement> inCommunity = candidates.stream().filter(p -> community.equals(p.community())).toList();
            if (!inCommunity.isEmpty()) {
                candidates = inCommunity;
            }
        }
        if (!candidates.isEmpty()) {
            String building = address.getBuilding();
            List<Placement> matches = candidates;
            if (building != null) {
                matches = candidates.stream().filter(p -> p.buildings().contains(building)).toList();
            }
            Set<GridRef> grids = new LinkedHashSet<>();
            matches.forEach(p -> grids.add(p.grid()));
            if (grids.size() == 1) {
                return Optional.of(copy(grids.iterator().next()));
            }
            Set<GridRef> communities = new LinkedHashSet<>();
            (matches.isEmpty() ? candidates : matches).forEach(p -> communities.add(p.communityRef()));
            if (communities.size() == 1) {
                return Optional.of(copy(communities.iterator().next()));
            }
            return Optional.empty();
        }
        if (community != null) {
            List<GridRef> refs = byCommunity.getOrDefault(community, List.of());
            if (refs.size() == 1) {
                return Optional.of(copy(refs.get(0)));
            }
        }
        return Optional.empty();
    }

    /** GridRef is a mutable Avro record: hand out copies, never the index's own. */
    private static GridRef copy(GridRef ref) {
        return GridRef.newBuilder(ref).build();
    }

    /** A copy of the address with its grid set (null when the register does not place it). */
    public Address place(Address address) {
        return Address.newBuilder(address).setGrid(locate(address).orElse(null)).build();
    }
}

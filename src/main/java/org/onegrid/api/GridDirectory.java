package org.onegrid.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.onegrid.publish.PersonTable;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.GridRef;
import org.onegrid.security.RegionScope;
import org.onegrid.standardize.GridRegister;

/**
 * Where a grid lies in the hierarchy (its street, district...), to decide whether a caller's scope covers it: from
 * the city's grid register, or, without one, from the persons the table holds in that grid.
 */
final class GridDirectory {

    private final Map<String, GridRef> byCode = new HashMap<>();
    private final PersonTable table;

    GridDirectory(GridRegister register, PersonTable table) {
        this.table = table;
        if (register != null) {
            for (var d : register.districts()) {
                for (var s : d.streets()) {
                    for (var c : s.communities()) {
                        for (var g : c.grids()) {
                            byCode.put(g.code(), new GridRef(d.code(), s.code(), c.code(), g.code()));
                        }
                    }
                }
            }
        }
    }

    Optional<GridRef> ref(String code) {
        GridRef known = byCode.get(code);
        if (known != null) {
            return Optional.of(GridRef.newBuilder(known).build());
        }
        if (!byCode.isEmpty()) {
            return Optional.empty();
        }
        List<GoldenPerson> persons;
        try {
            persons = table.in(RegionScope.Level.GRID, code);
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
        return persons.isEmpty() ? Optional.empty() : Optional.of(GridRef.newBuilder(persons.get(0).getGrid()).build());
    }
}

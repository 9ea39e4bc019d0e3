package org.onegrid.api;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.onegrid.publish.PersonTable;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.GridRef;
import org.onegrid.security.RegionScope;
import org.onegrid.security.Subscriber;
import org.onegrid.standardize.GridRegister;

/**
 * Where a grid lies in the hierarchy (its street, district...), to decide whether a caller's scope covers it: from
 * the city's grid register, or, without one, from the persons the table holds in that grid.
 */
public final class GridDirectory {

    /** A grid of the register, named for people. */
    public record Entry(String code, String name, String community, String street, String district) {}

    private final Map<String, GridRef> byCode = new HashMap<>();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final PersonTable table;

    GridDirectory(GridRegister register, PersonTable table) {
        this.table = table;
        if (register != null) {
            for (var d : register.districts()) {
                for (var s : d.streets()) {
                    for (var c : s.communities()) {
                        for (var g : c.grids()) {
                            byCode.put(g.code(), new GridRef(d.code(), s.code(), c.code(), g.code()));
                            entries.put(g.code(), new Entry(g.code(), g.name(), c.name(), s.name(), d.name()));
                        }
                    }
                }
            }
        }
    }

    /** The register's grids this subscriber may see, in register order; empty without a register. */
    public List<Entry> seenBy(Subscriber subscriber) {
        return entries.values().stream().filter(e -> subscriber.sees(byCode.get(e.code()))).toList();
    }

    /** The register's entry for a grid code. */
    public Optional<Entry> entry(String code) {
        return Optional.ofNullable(entries.get(code));
    }

    public Optional<GridRef> ref(String code) {
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

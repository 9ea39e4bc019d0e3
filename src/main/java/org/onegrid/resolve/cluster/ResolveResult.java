package org.onegrid.resolve.cluster;

import java.util.List;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonLink;

/**
 * What one input changed, to publish: golden records (new versions, MERGED redirects, RETIRED ids),
 * links of the records that moved, and conflicts raised, changed, resolved or withdrawn.
 * Empty when the input changed nothing.
 */
public record ResolveResult(List<GoldenPerson> goldens, List<PersonLink> links, List<Conflict> conflicts) {

    public static final ResolveResult EMPTY = new ResolveResult(List.of(), List.of(), List.of());

    public ResolveResult {
        goldens = List.copyOf(goldens);
        links = List.copyOf(links);
        conflicts = List.copyOf(conflicts);
    }

    public boolean isEmpty() {
        return goldens.isEmpty() && links.isEmpty() && conflicts.isEmpty();
    }
}

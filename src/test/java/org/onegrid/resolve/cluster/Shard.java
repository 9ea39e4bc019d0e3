package org.onegrid.resolve.cluster;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonLink;
import org.onegrid.schema.SourcePerson;
import org.onegrid.testing.SourcePersonBuilder;

/** One shard under test: an in-memory store, the simple matcher, and a log of everything published. */
final class Shard {

    final ClusterStore store;
    final SimpleMatcher matcher = new SimpleMatcher();
    final ClusterResolver resolver;
    final List<ResolveResult> published = new ArrayList<>();
    private final Set<String> refs = new TreeSet<>();

    Shard() {
        this(Survivorship.RECENCY_ONLY);
    }

    Shard(Survivorship survivorship) {
        this(survivorship, new InMemoryClusterStore());
    }

    Shard(Survivorship survivorship, ClusterStore store) {
        this.store = store;
        resolver = new ClusterResolver(store, matcher, SimpleMatcher::blockingKeys, ResolverConfig.of(survivorship),
                Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
    }

    /** A record of this shard: born 1985-03-02 unless the test says otherwise. */
    static SourcePersonBuilder aPerson() {
        return SourcePersonBuilder.aPerson().born("1985-03-02");
    }

    ResolveResult apply(SourcePersonBuilder record) {
        return apply(record.build());
    }

    ResolveResult apply(SourcePerson record) {
        refs.add(Refs.of(record));
        ResolveResult result = resolver.apply(record);
        published.add(result);
        return result;
    }

    ResolveResult applyAll(Collection<SourcePerson> records) {
        List<ResolveResult> results = records.stream().map(this::apply).toList();
        return results.isEmpty() ? ResolveResult.EMPTY : results.get(results.size() - 1);
    }

    ResolveResult decide(String a, String b, ReviewDecision decision) {
        ResolveResult result = resolver.decide(a, b, decision);
        published.add(result);
        return result;
    }

    ResolveResult decideRecords(String refA, String refB, ReviewDecision decision) {
        ResolveResult result = resolver.decideRecords(refA, refB, decision);
        published.add(result);
        return result;
    }

    String personOf(String connector, String sourceKey) {
        return store.memberships().get(Refs.of(connector, sourceKey));
    }

    GoldenPerson golden(String personId) {
        return store.goldens().get(personId);
    }

    /** The current clustering of every record seen, as sets of refs: independent of person ids. */
    Set<Set<String>> clusters() {
        Map<String, Set<String>> byPerson = new LinkedHashMap<>();
        for (String ref : refs) {
            String pid = store.memberships().get(ref);
            if (pid != null) {
                byPerson.computeIfAbsent(pid, k -> new TreeSet<>()).add(ref);
            }
        }
        return new HashSet<>(byPerson.values());
    }

    /** The last published version of each conflict id, in publication order. */
    Map<String, Conflict> lastConflicts() {
        Map<String, Conflict> last = new LinkedHashMap<>();
        published.forEach(r -> r.conflicts().forEach(c -> last.put(c.getConflictId(), c)));
        return last;
    }

    /** All person ids in every golden record published, in order of first appearance. */
    List<String> publishedIds() {
        return published.stream().flatMap(r -> r.goldens().stream()).map(GoldenPerson::getPersonId).distinct().toList();
    }

    static PersonLink linkOf(ResolveResult result, String sourceKey) {
        return result.links().stream().filter(l -> l.getSourceKey().equals(sourceKey)).findFirst()
                .orElseThrow(() -> new AssertionError("no link for " + sourceKey + " in " + result.links()));
    }

    static GoldenPerson goldenOf(ResolveResult result, String personId) {
        return result.goldens().stream().filter(g -> g.getPersonId().equals(personId)).findFirst()
                .orElseThrow(() -> new AssertionError("no golden for " + personId + " in " + result.goldens()));
    }

    static List<String> ids(Collection<GoldenPerson> goldens) {
        return goldens.stream().map(GoldenPerson::getPersonId).sorted(Comparator.naturalOrder())
                .collect(Collectors.toList());
    }
}

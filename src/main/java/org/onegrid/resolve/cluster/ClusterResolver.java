package org.onegrid.resolve.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.onegrid.resolve.match.Decision;
import org.onegrid.resolve.match.MatchVerdict;
import org.onegrid.resolve.match.Matcher;
import org.onegrid.schema.Comparison;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.ConflictKind;
import org.onegrid.schema.ConflictStatus;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.GridRef;
import org.onegrid.schema.MatchRule;
import org.onegrid.schema.PersonLink;
import org.onegrid.schema.Provenance;
import org.onegrid.schema.SourcePerson;

/**
 * Incremental entity resolution for one shard: each source record (upsert or delete) and each
 * reviewer decision updates the clustering of records into persons, and the result says what to
 * publish. Person ids are stable: a person keeps its id while it gains, changes and loses records;
 * on a merge the older id survives; on a split the largest part keeps it. New ids are derived from
 * the creating record, so a replay of the same input gives the same ids.
 *
 * <p>All state lives in the {@link ClusterStore}; the resolver holds none between calls. It must
 * never scan the store: everything is found by key, candidates through blocking keys. Not thread
 * safe: one resolver per shard, one call at a time.
 */
public final class ClusterResolver {

    /**
     * Flag (in {@code SourcePerson.flags}) of a record whose birth date a reviewer corrected before it reached its shard,
     * followed by ':' and the decision id; the golden birth date taken from it names that decision.
     */
    public static final String BIRTH_DATE_CORRECTED_FLAG = "BIRTH_DATE_CORRECTED_BY_REVIEW";

    /** The golden fields a reviewer can choose the right value of ({@link #chooseValue}). */
    public static final Set<String> CHOOSABLE_FIELDS = FieldDisagreements.choosable();

    static final String SAME = "SAME";
    static final String DIFFERENT = "DIFFERENT";
    private static final String SEQUENCE = "seq";
    private static final String ID_COUNTER = "id/";
    /** Prefix, in the blocks table, of the list of records a reviewer said are the same as a record. */
    static final String REVIEWED_SAME_KEY = "\u0000reviewed-same/";
    /** Prefix, in the decisions table, of the id of the reviewer decision stored for a pair. */
    static final String DECISION_ID_KEY = "\u0000decision-id/";

    private final ClusterStore store;
    private final Matcher matcher;
    private final Blocking blocking;
    private final ResolverConfig config;
    private final GoldenBuilder goldenBuilder;
    private final ValueChoices choices;
    private final Clock clock;

    public ClusterResolver(ClusterStore store, Matcher matcher, Blocking blocking, ResolverConfig config, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.config = Objects.requireNonNull(config, "config");
        this.goldenBuilder = new GoldenBuilder(config.survivorship());
        this.choices = new ValueChoices(store);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Applies one source record: an upsert, or a delete when {@code deleted} is set. A record equal
     * to the stored one (ingest time aside) changes nothing and returns an empty result, so replays
     * are harmless.
     */
    public ResolveResult apply(SourcePerson record) {
        Objects.requireNonNull(record, "record");
        String ref = Refs.of(record);
        SourcePerson old = store.records().get(ref);
        Work work = new Work(null);
        if (record.getDeleted()) {
            if (old == null) {
                return ResolveResult.EMPTY;
            }
            work.withdraw(ref, old);
        } else {
            if (old != null && sameContent(old, record)) {
                return ResolveResult.EMPTY;
            }
            work.upsert(ref, old, record);
        }
        return work.finish();
    }

    /**
     * Applies a reviewer's decision about two persons (ids may be ones since merged: they are
     * followed to the current person). SAME merges them, the older id surviving; DIFFERENT keeps
     * their current records apart for good. Either way the decision is stored per pair of their
     * records and honoured from then on, and the possible-match conflict between them is RESOLVED.
     *
     * <p>Deciding SAME for persons already one changes nothing, so a replayed decision is harmless.
     *
     * @throws IllegalArgumentException when either id is unknown or retired, or when DIFFERENT is
     *         decided for two ids that now carry one person
     */
    public ResolveResult decide(String personA, String personB, ReviewDecision decision) {
        return decide(personA, personB, decision, null);
    }

    /**
     * As {@link #decide(String, String, ReviewDecision)}, for the reviewer decision {@code decisionId}:
     * the links it moves and the conflict it resolves carry that id (may be null).
     */
    public ResolveResult decide(String personA, String personB, ReviewDecision decision, String decisionId) {
        Objects.requireNonNull(decision, "decision");
        String a = current(personA);
        String b = current(personB);
        if (a.equals(b)) {
            if (decision == ReviewDecision.DIFFERENT) {
                throw new IllegalArgumentException("persons " + personA + " and " + personB
                        + " are one person now (" + a + "); separating its records needs a decision per record");
            }
            return ResolveResult.EMPTY;
        }
        Work work = new Work(decisionId);
        work.decide(a, b, decision);
        return work.finish();
    }

    /**
     * Applies a reviewer's decision about two source records (refs, see {@link Refs#of}). SAME makes
     * their verdict a match from now on, merging their persons when nothing forbids it; DIFFERENT
     * makes it never, and when both are in one person, the record less connected to the others (on
     * a tie the larger ref) leaves it, as if its data had changed.
     *
     * @throws IllegalArgumentException when either record is unknown or both refs are the same
     */
    public ResolveResult decideRecords(String refA, String refB, ReviewDecision decision) {
        return decideRecords(refA, refB, decision, null);
    }

    /**
     * As {@link #decideRecords(String, String, ReviewDecision)}, for the reviewer decision
     * {@code decisionId}: the links it moves and the conflict it resolves carry that id (may be null).
     */
    public ResolveResult decideRecords(String refA, String refB, ReviewDecision decision, String decisionId) {
        Objects.requireNonNull(decision, "decision");
        if (refA.equals(refB) || store.records().get(refA) == null || store.records().get(refB) == null) {
            throw new IllegalArgumentException("records " + refA + " and " + refB + " must be two known records");
        }
        String value = decision == ReviewDecision.SAME ? SAME : DIFFERENT;
        if (value.equals(store.decisions().get(Refs.pair(refA, refB)))) {
            return ResolveResult.EMPTY;
        }
        Work work = new Work(decisionId);
        work.decideRecords(refA, refB, decision);
        return work.finish();
    }

    /**
     * Applies a reviewer's choice of the right value of a field (a {@code FIELD_DISAGREEMENT} answered): the record
     * {@code ref} holds it. While the record still holds {@code value}, its person's golden record takes it ahead of
     * survivorship (the value's provenance naming {@code decisionId}), and the disagreement on the field is RESOLVED
     * and not raised again until a value the reviewer did not see appears. Applying the same choice again changes
     * nothing.
     *
     * @param field one of idNumber, name, gender, birthDate, ethnicity, address
     * @param value the record's value as conflicts show it (birth date yyyy-MM-dd, gender code, normalized address)
     * @throws IllegalArgumentException when the record is unknown, the field is not one of those, or the record no
     *         longer holds the value
     */
    public ResolveResult chooseValue(String ref, String field, String value, String decisionId) {
        SourcePerson record = store.records().get(ref);
        if (record == null || !FieldDisagreements.choosable(field)) {
            throw new IllegalArgumentException("record " + ref + " is unknown, or " + field + " is no field to choose");
        }
        if (!value.equals(FieldDisagreements.text(field, record))) {
            throw new IllegalArgumentException("record " + ref + " no longer holds the chosen value of " + field);
        }
        ValueChoices.Choice existing = choices.get(ref, field);
        if (existing != null && existing.value().equals(value)
                && existing.decisionId().equals(Objects.requireNonNullElse(decisionId, ""))) {
            return ResolveResult.EMPTY;
        }
        Work work = new Work(decisionId);
        work.choose(ref, field, value);
        return work.finish();
    }

    /** The id currently carrying the person, following merge redirects. */
    public String current(String personId) {
        PersonState p = store.persons().get(personId);
        Set<String> seen = new HashSet<>();
        while (p != null && p.mergedInto() != null && seen.add(p.personId())) {
            p = store.persons().get(p.mergedInto());
        }
        if (p == null || !p.active()) {
            throw new IllegalArgumentException("person " + personId + " is unknown or retired");
        }
        return p.personId();
    }

    private static boolean sameContent(SourcePerson old, SourcePerson record) {
        return AvroBytes.same(SourcePerson.newBuilder(record).setIngestTime(old.getIngestTime()).build(), old);
    }

    /** The best cross-person match found for a group of records. */
    private record PersonMatch(String personId, long created, MatchVerdict verdict, String ownRef, String otherRef) {
    }

    private static final Comparator<PersonMatch> BEST_FIRST = Comparator
            .comparingDouble((PersonMatch m) -> -m.verdict().score())
            .thenComparingLong(PersonMatch::created)
            .thenComparing(PersonMatch::personId);

    /**
     * One unit of work: the changes made by one input, collected to publish once at the end. Reads the store through
     * its own view, so that what it reads several times is read and decoded once.
     */
    private final class Work {

        private final ClusterStore store = new MemoClusterStore(ClusterResolver.this.store);
        private final ValueChoices choices = new ValueChoices(store);
        private final Instant now = clock.instant();
        private final Map<String, MatchVerdict> verdicts = new HashMap<>();
        private final Map<String, Set<String>> keys = new HashMap<>();
        private final Set<String> touched = new TreeSet<>();
        private final Map<String, PersonLink> links = new LinkedHashMap<>();
        private final Map<String, String> linkedFrom = new HashMap<>();
        private final Map<String, Conflict> conflicts = new LinkedHashMap<>();
        /** The reviewer decision this work applies; null for a source record. */
        private final String decisionId;

        Work(String decisionId) {
            this.decisionId = decisionId;
        }

        // ---- inputs

        void upsert(String ref, SourcePerson old, SourcePerson record) {
            if (old != null) {
                unindex(ref, old);
            }
            store.records().put(ref, record);
            index(ref, record);
            String pid = store.memberships().get(ref);
            if (pid == null) {
                place(ref, null);
                return;
            }
            touched.add(pid);
            PersonState person = store.persons().get(pid);
            List<String> others = without(person.members(), ref);
            if (others.isEmpty()) {
                settle(pid);
                return;
            }
            boolean leaves = others.stream().anyMatch(m -> verdict(ref, m).decision() == Decision.NEVER);
            if (!leaves) {
                List<Set<String>> parts = components(person.members());
                if (parts.size() == 1) {
                    settle(pid);
                    return;
                }
                if (!parts.contains(Set.of(ref))) {
                    resplit(pid, parts).forEach(this::settle);
                    return;
                }
            }
            leave(ref, pid);
        }

        /** Takes a record out of its person, re-splits and settles the rest, and places the record anew. */
        private void leave(String ref, String pid) {
            PersonState person = store.persons().get(pid);
            List<String> others = without(person.members(), ref);
            store.memberships().delete(ref);
            store.persons().put(pid, person.withMembers(others));
            touched.add(pid);
            resplit(pid, components(others)).forEach(this::settle);
            place(ref, pid);
        }

        void withdraw(String ref, SourcePerson old) {
            unindex(ref, old);
            store.records().delete(ref);
            String pid = store.memberships().get(ref);
            store.memberships().delete(ref);
            link(old, null, pid, MatchRule.WITHDRAWN, null, null, List.of(), decisionId);
            if (pid == null) {
                return;
            }
            touched.add(pid);
            PersonState person = store.persons().get(pid);
            List<String> others = without(person.members(), ref);
            if (others.isEmpty()) {
                store.persons().put(pid, person.retired());
                return;
            }
            store.persons().put(pid, person.withMembers(others));
            resplit(pid, components(others)).forEach(this::settle);
        }

        void decide(String a, String b, ReviewDecision decision) {
            PersonState pa = store.persons().get(a);
            PersonState pb = store.persons().get(b);
            for (String x : pa.members()) {
                for (String y : pb.members()) {
                    remember(x, y, decision);
                }
            }
            resolvePossibleMatch(a, b);
            touched.add(a);
            touched.add(b);
            if (decision == ReviewDecision.SAME) {
                boolean aOlder = pa.created() < pb.created()
                        || pa.created() == pb.created() && a.compareTo(b) < 0;
                String survivor = aOlder ? a : b;
                mergeInto(aOlder ? b : a, survivor, MatchRule.REVIEWED_SAME, null, null, List.of(), decisionId);
                settle(survivor);
            }
        }

        /**
         * Stores a decision about two records. A SAME pair is also indexed under each record, as
         * if by a blocking key, so that the pair is found again wherever blocking would not.
         */
        private void remember(String a, String b, ReviewDecision decision) {
            String key = Refs.pair(a, b);
            store.decisions().put(key, decision == ReviewDecision.SAME ? SAME : DIFFERENT);
            if (decisionId != null) {
                store.decisions().put(DECISION_ID_KEY + key, decisionId);
            } else {
                store.decisions().delete(DECISION_ID_KEY + key);
            }
            verdicts.remove(key);
            for (String[] side : new String[][] {{a, b}, {b, a}}) {
                String indexKey = REVIEWED_SAME_KEY + side[0];
                TreeSet<String> partners = new TreeSet<>(Objects.requireNonNullElse(store.blocks().get(indexKey), List.of()));
                boolean changed = decision == ReviewDecision.SAME ? partners.add(side[1]) : partners.remove(side[1]);
                if (changed && partners.isEmpty()) {
                    store.blocks().delete(indexKey);
                } else if (changed) {
                    store.blocks().put(indexKey, List.copyOf(partners));
                }
            }
        }

        void choose(String ref, String field, String value) {
            String pid = store.memberships().get(ref);
            Set<String> seen = new TreeSet<>();
            for (String member : store.persons().get(pid).members()) {
                String text = FieldDisagreements.text(field, store.records().get(member));
                if (text != null) {
                    seen.add(text);
                }
            }
            choices.put(ref, field, value, decisionId, seen);
            String conflictId = FieldDisagreements.conflictId(pid, field);
            if (store.conflicts().get(conflictId) != null) {
                close(conflictId, ConflictStatus.RESOLVED);
            }
            touched.add(pid);
        }

        void decideRecords(String refA, String refB, ReviewDecision decision) {
            remember(refA, refB, decision);
            String pa = store.memberships().get(refA);
            String pb = store.memberships().get(refB);
            touched.add(pa);
            touched.add(pb);
            if (!pa.equals(pb)) {
                resolvePossibleMatch(pa, pb);
                if (decision == ReviewDecision.SAME) {
                    settle(pa);
                }
                return;
            }
            if (decision == ReviewDecision.DIFFERENT) {
                List<String> members = store.persons().get(pa).members();
                long linksA = members.stream()
                        .filter(m -> !m.equals(refA) && !m.equals(refB) && verdict(refA, m).decision() == Decision.MATCH)
                        .count();
                long linksB = members.stream()
                        .filter(m -> !m.equals(refA) && !m.equals(refB) && verdict(refB, m).decision() == Decision.MATCH)
                        .count();
                String leaving = linksA < linksB || linksA == linksB && refA.compareTo(refB) > 0 ? refA : refB;
                leave(leaving, pa);
            }
        }

        // ---- clustering

        /** Puts a record that belongs to no person into the person(s) it matches, or a new person. */
        private void place(String ref, String previousPid) {
            List<PersonMatch> matches = compatible(List.of(ref), matchingPersons(Set.of(ref), null));
            SourcePerson record = store.records().get(ref);
            if (matches.isEmpty()) {
                String pid = createPerson(List.of(ref));
                link(record, pid, previousPid, previousPid == null ? MatchRule.NEW_PERSON : MatchRule.SPLIT,
                        null, null, List.of(), decisionId);
                return;
            }
            PersonMatch best = matches.get(0);
            PersonMatch oldest = matches.stream()
                    .min(Comparator.comparingLong(PersonMatch::created).thenComparing(PersonMatch::personId))
                    .orElseThrow();
            String survivor = oldest.personId();
            for (PersonMatch m : matches) {
                if (!m.personId().equals(survivor)) {
                    mergeInto(m.personId(), survivor, m.verdict().rule(), score(m.verdict()),
                            provenanceOf(ref), m.verdict().evidence(), decisionOf(m));
                }
            }
            PersonState target = store.persons().get(survivor);
            store.persons().put(survivor, target.withMembers(plus(target.members(), List.of(ref))));
            store.memberships().put(ref, survivor);
            touched.add(survivor);
            link(record, survivor, previousPid, best.verdict().rule(), score(best.verdict()),
                    provenanceOf(best.otherRef()), best.verdict().evidence(), decisionOf(best));
        }

        /** Merges into a person every other person its records match and may join. */
        private void settle(String pid) {
            PersonState person = store.persons().get(pid);
            if (person == null || !person.active()) {
                return;
            }
            List<PersonMatch> matches = compatible(person.members(),
                    matchingPersons(new HashSet<>(person.members()), pid));
            if (matches.isEmpty()) {
                return;
            }
            PersonMatch oldestOther = matches.stream()
                    .min(Comparator.comparingLong(PersonMatch::created).thenComparing(PersonMatch::personId))
                    .orElseThrow();
            boolean selfOlder = person.created() < oldestOther.created()
                    || person.created() == oldestOther.created() && pid.compareTo(oldestOther.personId()) < 0;
            String survivor = selfOlder ? pid : oldestOther.personId();
            if (!selfOlder) {
                MatchVerdict v = oldestOther.verdict();
                mergeInto(pid, survivor, v.rule(), score(v), provenanceOf(oldestOther.otherRef()), v.evidence(),
                        decisionOf(oldestOther));
            }
            for (PersonMatch m : matches) {
                if (!m.personId().equals(survivor)) {
                    MatchVerdict v = m.verdict();
                    mergeInto(m.personId(), survivor, v.rule(), score(v), provenanceOf(m.ownRef()), v.evidence(),
                            decisionOf(m));
                }
            }
        }

        /** Persons (other than {@code ownPerson}) with a record that MATCHes one of the group, best first. */
        private List<PersonMatch> matchingPersons(Set<String> group, String ownPerson) {
            Map<String, PersonMatch> best = new HashMap<>();
            for (String m : new TreeSet<>(group)) {
                for (String c : candidates(m)) {
                    if (group.contains(c)) {
                        continue;
                    }
                    String pid = store.memberships().get(c);
                    if (pid == null || pid.equals(ownPerson)) {
                        continue;
                    }
                    MatchVerdict v = verdict(m, c);
                    if (v.decision() != Decision.MATCH) {
                        continue;
                    }
                    PersonMatch found = new PersonMatch(pid, store.persons().get(pid).created(), v, m, c);
                    best.merge(pid, found, (x, y) -> y.verdict().score() > x.verdict().score() ? y : x);
                }
            }
            return best.values().stream().sorted(BEST_FIRST).toList();
        }

        /** The matches, best first, that can join the group without bringing two records that must never meet. */
        private List<PersonMatch> compatible(List<String> group, List<PersonMatch> matches) {
            List<String> together = new ArrayList<>(group);
            List<PersonMatch> chosen = new ArrayList<>();
            for (PersonMatch m : matches) {
                List<String> members = store.persons().get(m.personId()).members();
                if (mayJoin(together, members)) {
                    chosen.add(m);
                    together.addAll(members);
                }
            }
            return chosen;
        }

        private boolean mayJoin(Collection<String> a, Collection<String> b) {
            for (String x : a) {
                for (String y : b) {
                    if (verdict(x, y).decision() == Decision.NEVER) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** Connected components of the records by their MATCH verdicts, largest first, then by first ref. */
        private List<Set<String>> components(List<String> refs) {
            Map<String, String> parent = new HashMap<>();
            refs.forEach(r -> parent.put(r, r));
            for (int i = 0; i < refs.size(); i++) {
                for (int j = i + 1; j < refs.size(); j++) {
                    if (verdict(refs.get(i), refs.get(j)).decision() == Decision.MATCH) {
                        parent.put(root(parent, refs.get(i)), root(parent, refs.get(j)));
                    }
                }
            }
            Map<String, Set<String>> parts = new HashMap<>();
            refs.forEach(r -> parts.computeIfAbsent(root(parent, r), k -> new TreeSet<>()).add(r));
            List<Set<String>> sorted = new ArrayList<>(parts.values());
            sorted.sort(Comparator.comparingInt((Set<String> s) -> -s.size())
                    .thenComparing(s -> s.iterator().next()));
            return sorted;
        }

        private String root(Map<String, String> parent, String r) {
            while (!parent.get(r).equals(r)) {
                r = parent.get(r);
            }
            return r;
        }

        /** The first part keeps the person id; every other part becomes a new person. Returns all ids. */
        private List<String> resplit(String pid, List<Set<String>> parts) {
            List<String> ids = new ArrayList<>();
            PersonState person = store.persons().get(pid);
            store.persons().put(pid, person.withMembers(List.copyOf(parts.get(0))));
            ids.add(pid);
            for (Set<String> part : parts.subList(1, parts.size())) {
                String newId = createPerson(List.copyOf(part));
                for (String m : part) {
                    link(store.records().get(m), newId, pid, MatchRule.SPLIT, null, null, List.of(), decisionId);
                }
                ids.add(newId);
            }
            return ids;
        }

        private String createPerson(List<String> members) {
            String seed = members.stream().min(Comparator.naturalOrder()).orElseThrow();
            String scope = config.idScope().apply(store.records().get(seed));
            long n = counter(ID_COUNTER + seed);
            String id = PersonIds.derive(scope, seed, n);
            while (store.persons().get(id) != null) {
                id = PersonIds.derive(scope, seed, ++n);
            }
            store.counters().put(ID_COUNTER + seed, Long.toString(n + 1));
            long created = counter(SEQUENCE);
            store.counters().put(SEQUENCE, Long.toString(created + 1));
            store.persons().put(id, PersonState.created(id, created, members));
            for (String m : members) {
                store.memberships().put(m, id);
            }
            touched.add(id);
            return id;
        }

        private long counter(String name) {
            String value = store.counters().get(name);
            return value == null ? 0 : Long.parseLong(value);
        }

        private void mergeInto(String from, String to, MatchRule rule, Double score, Provenance matchedWith,
                List<Comparison> evidence, String cause) {
            PersonState source = store.persons().get(from);
            PersonState target = store.persons().get(to);
            for (String m : source.members()) {
                store.memberships().put(m, to);
                link(store.records().get(m), to, from, rule, score, matchedWith, evidence, cause);
            }
            store.persons().put(to, target.withMembers(plus(target.members(), source.members())));
            store.persons().put(from, source.mergedInto(to));
            touched.add(from);
            touched.add(to);
        }

        // ---- verdicts and blocking

        private MatchVerdict verdict(String a, String b) {
            String key = Refs.pair(a, b);
            MatchVerdict v = verdicts.get(key);
            if (v == null) {
                String decided = store.decisions().get(key);
                if (SAME.equals(decided)) {
                    v = new MatchVerdict(Decision.MATCH, MatchRule.REVIEWED_SAME, 1.0, List.of());
                } else if (DIFFERENT.equals(decided)) {
                    v = new MatchVerdict(Decision.NEVER, MatchRule.SCORE, 0.0, List.of());
                } else {
                    String first = a.compareTo(b) <= 0 ? a : b;
                    String second = first.equals(a) ? b : a;
                    v = matcher.compare(store.records().get(first), store.records().get(second));
                }
                verdicts.put(key, v);
            }
            return v;
        }

        private Set<String> candidates(String ref) {
            Set<String> found = new TreeSet<>();
            for (String key : keysOf(ref, store.records().get(ref))) {
                List<String> block = store.blocks().get(key);
                if (block != null) {
                    found.addAll(block);
                }
            }
            List<String> reviewedSame = store.blocks().get(REVIEWED_SAME_KEY + ref);
            if (reviewedSame != null) {
                // A reviewer's pair meets only inside one shard: a record since moved elsewhere is not a candidate.
                String scope = config.idScope().apply(store.records().get(ref));
                for (String other : reviewedSame) {
                    SourcePerson record = store.records().get(other);
                    if (record != null && scope.equals(config.idScope().apply(record))) {
                        found.add(other);
                    }
                }
            }
            found.remove(ref);
            return found;
        }

        private Set<String> keysOf(String ref, SourcePerson record) {
            return keys.computeIfAbsent(ref, r -> new TreeSet<>(blocking.keysOf(record)));
        }

        private void index(String ref, SourcePerson record) {
            keys.remove(ref);
            for (String key : keysOf(ref, record)) {
                List<String> block = store.blocks().get(key);
                TreeSet<String> refs = block == null ? new TreeSet<>() : new TreeSet<>(block);
                if (refs.add(ref)) {
                    store.blocks().put(key, List.copyOf(refs));
                }
            }
        }

        private void unindex(String ref, SourcePerson old) {
            for (String key : new TreeSet<>(blocking.keysOf(old))) {
                List<String> block = store.blocks().get(key);
                if (block != null && block.contains(ref)) {
                    List<String> rest = without(block, ref);
                    if (rest.isEmpty()) {
                        store.blocks().delete(key);
                    } else {
                        store.blocks().put(key, rest);
                    }
                }
            }
            keys.remove(ref);
        }

        // ---- publishing

        /** The decision behind a match: the stored one of a reviewed pair, else the one this work applies. */
        private String decisionOf(PersonMatch m) {
            if (m.verdict().rule() == MatchRule.REVIEWED_SAME) {
                String stored = store.decisions().get(DECISION_ID_KEY + Refs.pair(m.ownRef(), m.otherRef()));
                return stored != null ? stored : decisionId;
            }
            return decisionId;
        }

        private void link(SourcePerson record, String pid, String previousPid, MatchRule rule, Double score,
                Provenance matchedWith, List<Comparison> evidence, String cause) {
            String ref = Refs.of(record);
            String before = linkedFrom.containsKey(ref) ? linkedFrom.get(ref) : previousPid;
            linkedFrom.put(ref, before);
            if (Objects.equals(before, pid)) {
                links.remove(ref);
                return;
            }
            links.put(ref, PersonLink.newBuilder()
                    .setConnector(record.getConnector())
                    .setSourceKey(record.getSourceKey())
                    .setPersonId(pid)
                    .setPreviousPersonId(before)
                    .setRule(rule)
                    .setScore(score)
                    .setMatchedWith(matchedWith)
                    .setEvidence(evidence)
                    .setDecidedAt(now)
                    .setDecisionId(cause)
                    .build());
        }

        ResolveResult finish() {
            List<GoldenPerson> goldens = new ArrayList<>();
            for (String pid : touched) {
                publishGolden(pid, goldens);
            }
            for (String pid : touched) {
                reconcileConflicts(pid);
            }
            return new ResolveResult(goldens, List.copyOf(links.values()), List.copyOf(conflicts.values()));
        }

        private void publishGolden(String pid, List<GoldenPerson> out) {
            PersonState person = store.persons().get(pid);
            List<SourcePerson> members = person.members().stream().map(store.records()::get).toList();
            GoldenPerson.Builder fresh = person.active()
                    ? goldenBuilder.active(pid, members, choices.standing(members))
                    : GoldenBuilder.inactive(person);
            GoldenPerson previous = store.goldens().get(pid);
            if (previous != null) {
                fresh.setVersion(previous.getVersion()).setUpdatedAt(previous.getUpdatedAt());
                if (AvroBytes.same(fresh.build(), previous)) {
                    return;
                }
            }
            GoldenPerson golden = fresh.setVersion(previous == null ? 1 : previous.getVersion() + 1)
                    .setUpdatedAt(now)
                    .build();
            store.goldens().put(pid, golden);
            out.add(golden);
        }

        private void reconcileConflicts(String pid) {
            PersonState person = store.persons().get(pid);
            Map<String, Conflict> wanted = new TreeMap<>();
            if (person.active()) {
                List<SourcePerson> members = person.members().stream().map(store.records()::get).toList();
                wanted.putAll(FieldDisagreements.of(pid, members, gridOf(pid), now, choices.standing(members)));
                wanted.putAll(FieldDisagreements.againstId(pid, members, gridOf(pid), now));
                wanted.putAll(possibleMatches(person));
            }
            for (String id : person.conflicts()) {
                if (!wanted.containsKey(id)) {
                    close(id, ConflictStatus.WITHDRAWN);
                }
            }
            for (Conflict c : wanted.values()) {
                Conflict stored = store.conflicts().get(c.getConflictId());
                if (stored == null || !sameConflict(stored, c)) {
                    store.conflicts().put(c.getConflictId(), c);
                    conflicts.put(c.getConflictId(), c);
                }
                noteConflict(c.getPersonId(), c.getConflictId(), true);
                if (c.getOtherPersonId() != null) {
                    noteConflict(c.getOtherPersonId(), c.getConflictId(), true);
                }
            }
        }

        /** POSSIBLE_MATCH with every other person one of whose records REVIEWs (or MATCHes but may not join) ours. */
        private Map<String, Conflict> possibleMatches(PersonState person) {
            Set<String> own = new HashSet<>(person.members());
            Map<String, PersonMatch> best = new HashMap<>();
            for (String m : person.members()) {
                for (String c : candidates(m)) {
                    String other = own.contains(c) ? null : store.memberships().get(c);
                    if (other == null || other.equals(person.personId())) {
                        continue;
                    }
                    MatchVerdict v = verdict(m, c);
                    if (v.decision() != Decision.MATCH && v.decision() != Decision.REVIEW) {
                        continue;
                    }
                    String lo = m.compareTo(c) <= 0 ? m : c;
                    String hi = lo.equals(m) ? c : m;
                    PersonMatch found = new PersonMatch(other, 0, v, lo, hi);
                    best.merge(other, found, ClusterResolver::betterPair);
                }
            }
            Map<String, Conflict> wanted = new TreeMap<>();
            best.values().forEach(m -> {
                String a = person.personId().compareTo(m.personId()) < 0 ? person.personId() : m.personId();
                String b = a.equals(person.personId()) ? m.personId() : person.personId();
                String id = possibleMatchId(a, b);
                wanted.put(id, Conflict.newBuilder()
                        .setConflictId(id)
                        .setKind(ConflictKind.POSSIBLE_MATCH)
                        .setStatus(ConflictStatus.OPEN)
                        .setPersonId(a)
                        .setOtherPersonId(b)
                        .setScore(m.verdict().score())
                        .setEvidence(m.verdict().evidence())
                        .setGrid(gridOf(a))
                        .setDetectedAt(now)
                        .build());
            });
            return wanted;
        }

        private void resolvePossibleMatch(String a, String b) {
            String id = a.compareTo(b) < 0 ? possibleMatchId(a, b) : possibleMatchId(b, a);
            if (store.conflicts().get(id) != null) {
                close(id, ConflictStatus.RESOLVED);
            }
        }

        /** Publishes the conflict with its final status and forgets it. */
        private void close(String id, ConflictStatus status) {
            Conflict stored = store.conflicts().get(id);
            if (stored != null) {
                Conflict closed = Conflict.newBuilder(stored).setStatus(status).setDetectedAt(now)
                        .setDecisionId(status == ConflictStatus.RESOLVED ? decisionId : null).build();
                conflicts.put(id, closed);
                store.conflicts().delete(id);
                noteConflict(stored.getPersonId(), id, false);
                if (stored.getOtherPersonId() != null) {
                    noteConflict(stored.getOtherPersonId(), id, false);
                }
            }
        }

        private void noteConflict(String pid, String conflictId, boolean open) {
            PersonState p = store.persons().get(pid);
            if (p == null || p.conflicts().contains(conflictId) == open) {
                return;
            }
            store.persons().put(pid, p.withConflicts(open
                    ? plus(p.conflicts(), List.of(conflictId))
                    : without(p.conflicts(), conflictId)));
        }

        private GridRef gridOf(String pid) {
            GoldenPerson golden = store.goldens().get(pid);
            return golden == null ? null : golden.getGrid();
        }

        private Provenance provenanceOf(String ref) {
            return Refs.provenance(store.records().get(ref));
        }
    }

    /** For possible matches: the higher score wins, then the smaller pair of refs, so both sides agree. */
    private static PersonMatch betterPair(PersonMatch x, PersonMatch y) {
        int byScore = Double.compare(y.verdict().score(), x.verdict().score());
        if (byScore != 0) {
            return byScore > 0 ? y : x;
        }
        return Refs.pair(y.ownRef(), y.otherRef()).compareTo(Refs.pair(x.ownRef(), x.otherRef())) < 0 ? y : x;
    }

    static String possibleMatchId(String a, String b) {
        return "PM/" + a + "/" + b;
    }

    private static boolean sameConflict(Conflict stored, Conflict fresh) {
        return AvroBytes.same(Conflict.newBuilder(fresh).setDetectedAt(stored.getDetectedAt()).build(), stored);
    }

    private static Double score(MatchVerdict v) {
        return v.rule() == MatchRule.SCORE ? v.score() : null;
    }

    private static List<String> without(List<String> list, String item) {
        List<String> rest = new ArrayList<>(list);
        rest.remove(item);
        return rest;
    }

    private static List<String> plus(List<String> list, List<String> more) {
        Set<String> all = new TreeSet<>(list);
        all.addAll(more);
        return List.copyOf(all);
    }
}

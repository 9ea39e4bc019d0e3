package org.onegrid.console;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.onegrid.api.ApiErrors;
import org.onegrid.api.AuditLog;
import org.onegrid.api.Caller;
import org.onegrid.api.GridDirectory;
import org.onegrid.api.NameQuery;
import org.onegrid.connector.ConnectorStatus;
import org.onegrid.connector.internal.ConnectorStatuses;
import org.onegrid.publish.PersonTable;
import org.onegrid.schema.AuditAction;
import org.onegrid.schema.AuditOutcome;
import org.onegrid.schema.CandidateValue;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.ConflictKind;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.GridRef;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.Provenance;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.Stage;
import org.onegrid.security.ConsoleRole;
import org.onegrid.security.Masks;
import org.onegrid.security.RegionScope;
import org.onegrid.security.Subscriber;
import org.onegrid.standardize.Names;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What the console's pages read and do, under {@code /api/console}: behind the query API's authentication (a console
 * session cookie, an API key or a token), with the caller's scope and field policy applied to every person and every
 * conflict, and reads of persons audited as the query API's are. The pipeline and the rejected records are for
 * subscribers with the {@code operator} role; answering the work list needs {@code reviewer}.
 */
@RestController
final class ConsoleController implements AutoCloseable {

    static final int MAX_PAGE = 500;
    static final int PAYLOAD_SHOWN = 4096;
    private static final long SSE_TIMEOUT_MS = 30 * 60 * 1000L;

    private final PersonTable table;
    private final GridDirectory grids;
    private final AuditLog audit;
    private final ConsoleFeed feed;
    private final PipelineMonitor monitor;
    private final ConnectorStatuses connectors;
    private final Corrections corrections;
    private final Set<SseEmitter> pipelineWatchers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "onegrid-console-pipeline"));
    private final ExecutorService pushes = Executors.newSingleThreadExecutor(r -> daemon(r, "onegrid-console-push"));

    ConsoleController(PersonTable table, GridDirectory grids, AuditLog audit, ConsoleFeed feed, PipelineMonitor monitor,
                      ConnectorStatuses connectors, Corrections corrections) {
        this.table = table;
        this.grids = grids;
        this.audit = audit;
        this.feed = feed;
        this.monitor = monitor;
        this.connectors = connectors;
        this.corrections = corrections;
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Who is signed in, what they may do, and the grids they may open. */
    @GetMapping("/api/console/me")
    Map<String, Object> me(HttpServletRequest request) {
        Subscriber subscriber = Caller.of(request).subscriber();
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("subscriber", subscriber.id());
        me.put("description", subscriber.description());
        me.put("roles", subscriber.roles().stream().map(ConsoleRole::key).sorted().toList());
        me.put("columns", GridRows.columns(subscriber));
        me.put("grids", grids.seenBy(subscriber));
        return me;
    }

    /** One page of a grid's table, sorted by name, optionally only the names that start with or sound like {@code name}. */
    @GetMapping("/api/console/grids/{code}/rows")
    ResponseEntity<Object> rows(@PathVariable String code, @RequestParam(defaultValue = "0") int offset,
                                @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String name,
                                HttpServletRequest request) {
        Caller caller = Caller.of(request);
        Subscriber subscriber = caller.subscriber();
        Optional<ResponseEntity<Object>> refused = refuseGrid(caller, code, request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<NameQuery> wanted = NameQuery.of(name);
        List<Map<String, Object>> all = new ArrayList<>();
        for (GoldenPerson golden : table.in(RegionScope.Level.GRID, code)) {
            if (wanted.isEmpty() || wanted.get().matches(golden)) {
                GridRows.row(subscriber, golden, this::department).ifPresent(all::add);
            }
        }
        all.sort(Comparator.comparing((Map<String, Object> row) -> sortName(row)).thenComparing(row -> (String) row.get("personId")));
        int from = Math.max(0, Math.min(offset, all.size()));
        int to = Math.min(all.size(), from + Math.max(1, Math.min(limit, MAX_PAGE)));
        List<Map<String, Object>> page = all.subList(from, to);
        audit.record(caller, request.getRemoteAddr(), AuditAction.GRID_TABLE, "grid:" + code, AuditOutcome.ALLOWED,
                page.stream().map(r -> (String) r.get("personId")).toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grid", code);
        body.put("total", all.size());
        body.put("offset", from);
        body.put("columns", GridRows.columns(subscriber));
        body.put("rows", page);
        return ResponseEntity.ok(body);
    }

    /**
     * The grid's rows as they change, as server-sent events: {@code row} with the new row of a person in the grid, and
     * {@code gone} with the id of a person who was in it and is no longer (moved, merged, withdrawn). Each row sent is
     * audited as a read of that person.
     */
    @GetMapping(path = "/api/console/grids/{code}/events", produces = "text/event-stream")
    Object events(@PathVariable String code, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        Optional<ResponseEntity<Object>> refused = refuseGrid(caller, code, request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Subscriber subscriber = caller.subscriber();
        Set<String> inGrid = ConcurrentHashMap.newKeySet();
        table.in(RegionScope.Level.GRID, code).forEach(p -> inGrid.add(p.getPersonId()));
        String remote = request.getRemoteAddr();
        SseEmitter emitter = new SseEmitter(SSE_TIMEOUT_MS);
        AtomicBoolean open = new AtomicBoolean(true);
        Consumer<GoldenPerson> watcher = golden -> pushes.execute(() -> {
            if (!open.get()) {
                return;
            }
            GridRef grid = golden.getGrid();
            boolean here = golden.getStatus() == PersonStatus.ACTIVE && grid != null && code.equals(grid.getGrid());
            try {
                if (here) {
                    Optional<Map<String, Object>> row = GridRows.row(subscriber, golden, this::department);
                    if (row.isPresent()) {
                        audit.record(caller, remote, AuditAction.PERSON, golden.getPersonId(), AuditOutcome.ALLOWED,
                                List.of(golden.getPersonId()));
                        inGrid.add(golden.getPersonId());
                        emitter.send(SseEmitter.event().name("row").data(row.get()));
                    }
                } else if (inGrid.remove(golden.getPersonId())) {
                    emitter.send(SseEmitter.event().name("gone").data(Map.of("personId", golden.getPersonId())));
                }
            } catch (IOException | RuntimeException e) {
                // The page went away (or the audit log cannot be written, so nothing more may be shown): stop pushing.
                open.set(false);
                end(emitter, e);
            }
        });
        Runnable stop = () -> {
            open.set(false);
            feed.unwatch(watcher);
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        feed.watch(watcher);
        greet(emitter);
        return emitter;
    }

    /** The open questions about persons in the caller's scope (one grid's when {@code grid} is given), oldest first. */
    @GetMapping("/api/console/worklist")
    ResponseEntity<Object> worklist(@RequestParam(required = false) String grid, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        Subscriber subscriber = caller.subscriber();
        List<Conflict> open = feed.openConflicts().stream()
                .filter(c -> c.getGrid() != null && subscriber.sees(c.getGrid()))
                .filter(c -> grid == null || grid.equals(c.getGrid().getGrid()))
                .sorted(Comparator.comparingLong((Conflict c) -> c.getDetectedAt().toEpochMilli()).thenComparing(Conflict::getConflictId))
                .toList();
        List<Map<String, Object>> items = new ArrayList<>();
        Set<String> persons = new HashSet<>();
        for (Conflict conflict : open) {
            items.add(item(subscriber, conflict));
            persons.add(conflict.getPersonId());
            if (conflict.getOtherPersonId() != null) {
                persons.add(conflict.getOtherPersonId());
            }
        }
        audit.record(caller, request.getRemoteAddr(), AuditAction.GRID_TABLE, "worklist:" + (grid == null ? "*" : grid),
                AuditOutcome.ALLOWED, List.copyOf(persons));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mayDecide", subscriber.may(ConsoleRole.REVIEWER));
        body.put("items", items);
        return ResponseEntity.ok(body);
    }

    /**
     * A reviewer's answer to one open question: {@code {"choice": n}} (the n-th candidate holds the right value), or
     * {@code {"verdict": "SAME" | "DIFFERENT"}} (with {@code choice}, the right birth date, for a cross-shard SAME),
     * and an optional {@code note}, with the question's {@code conflictId} (in the body: ids hold characters a path
     * may not). Written to {@code onegrid.review.decisions}; the resolver then settles it.
     */
    @PostMapping("/api/console/worklist/answers")
    ResponseEntity<Object> decide(@RequestBody(required = false) Map<String, Object> answer, HttpServletRequest request) {
        Object conflictId = answer == null ? null : answer.get("conflictId");
        Subscriber subscriber = Caller.of(request).subscriber();
        if (!subscriber.may(ConsoleRole.REVIEWER)) {
            return ApiErrors.error(HttpStatus.FORBIDDEN, "answering the work list needs the reviewer role");
        }
        Optional<Conflict> conflict = (conflictId instanceof String id ? feed.openConflict(id) : Optional.<Conflict>empty())
                .filter(c -> c.getGrid() != null && subscriber.sees(c.getGrid()));
        if (conflict.isEmpty()) {
            return ApiErrors.error(HttpStatus.NOT_FOUND, "no open question with this id in your scope (it may have been answered)");
        }
        Corrections.Answer parsed;
        try {
            parsed = Corrections.Answer.of(answer);
        } catch (IllegalArgumentException e) {
            return ApiErrors.error(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        try {
            String decisionId = corrections.decide(conflict.get(), parsed, subscriber.id(), this::anyRecordOf);
            return ResponseEntity.accepted().body(Map.of("decisionId", decisionId));
        } catch (Corrections.NotAnswerable e) {
            return ApiErrors.error(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    /** The pipeline now (operators). */
    @GetMapping("/api/console/pipeline")
    ResponseEntity<Object> pipeline(HttpServletRequest request) {
        if (!Caller.of(request).subscriber().may(ConsoleRole.OPERATOR)) {
            return ApiErrors.error(HttpStatus.FORBIDDEN, "the pipeline view needs the operator role");
        }
        return ResponseEntity.ok(monitor.look());
    }

    /** The pipeline every second, as server-sent events named {@code pipeline} (operators). */
    @GetMapping(path = "/api/console/pipeline/events", produces = "text/event-stream")
    Object pipelineEvents(HttpServletRequest request) {
        if (!Caller.of(request).subscriber().may(ConsoleRole.OPERATOR)) {
            return ApiErrors.error(HttpStatus.FORBIDDEN, "the pipeline view needs the operator role");
        }
        SseEmitter emitter = new SseEmitter(SSE_TIMEOUT_MS);
        emitter.onCompletion(() -> pipelineWatchers.remove(emitter));
        emitter.onTimeout(() -> pipelineWatchers.remove(emitter));
        emitter.onError(e -> pipelineWatchers.remove(emitter));
        pipelineWatchers.add(emitter);
        greet(emitter);
        return emitter;
    }

    /** A first comment, so the page knows at once that it is connected. */
    private static void greet(SseEmitter emitter) {
        try {
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException | IllegalStateException e) {
            end(emitter, e);
        }
    }

    /** Ends a stream that failed; one the client already closed is over already. */
    private static void end(SseEmitter emitter, Exception cause) {
        try {
            emitter.completeWithError(cause);
        } catch (IllegalStateException alreadyOver) {
            // nothing left to end
        }
    }

    private void tick() {
        if (pipelineWatchers.isEmpty()) {
            return;
        }
        Map<String, Object> look;
        try {
            look = monitor.look();
        } catch (RuntimeException e) {
            return; // a part of the pipeline is (re)starting: the next tick looks again (a failed tick would end them all)
        }
        for (SseEmitter emitter : pipelineWatchers) {
            try {
                emitter.send(SseEmitter.event().name("pipeline").data(look));
            } catch (IOException | IllegalStateException e) {
                pipelineWatchers.remove(emitter);
                end(emitter, e);
            }
        }
    }

    /** Rejected records by connector and reason, the newest kept ones with their payload masked (operators). */
    @GetMapping("/api/console/rejected")
    ResponseEntity<Object> rejected(@RequestParam(required = false) String connector, @RequestParam(required = false) String reason,
                                    HttpServletRequest request) {
        if (!Caller.of(request).subscriber().may(ConsoleRole.OPERATOR)) {
            return ApiErrors.error(HttpStatus.FORBIDDEN, "rejected records need the operator role");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (ConsoleFeed.Rejected r : feed.rejected(blankToNull(connector), blankToNull(reason))) {
            RejectedRecord record = r.record();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", r.id());
            item.put("reason", record.getReason());
            item.put("message", record.getMessage());
            item.put("stage", record.getStage().name());
            item.put("connector", record.getConnector());
            item.put("sourceKey", record.getSourceKey() == null ? null : Masks.inText(record.getSourceKey()));
            item.put("sourcePosition", record.getSourcePosition());
            item.put("contentType", record.getContentType());
            item.put("rejectedAt", record.getRejectedAt().toString());
            item.put("payload", payloadText(record));
            item.put("resubmittable", Corrections.resubmittable(record));
            records.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("counts", feed.rejectCounts());
        body.put("records", records);
        return ResponseEntity.ok(body);
    }

    /** Sends a record the mapping rejected through the mapping again, as it is configured now (operators). */
    @PostMapping("/api/console/rejected/{id}/resubmit")
    ResponseEntity<Object> resubmit(@PathVariable String id, HttpServletRequest request) {
        if (!Caller.of(request).subscriber().may(ConsoleRole.OPERATOR)) {
            return ApiErrors.error(HttpStatus.FORBIDDEN, "re-submitting needs the operator role");
        }
        Optional<ConsoleFeed.Rejected> rejected = feed.rejected(id);
        if (rejected.isEmpty()) {
            return ApiErrors.error(HttpStatus.NOT_FOUND, "no kept rejected record with this id");
        }
        if (connectors.of(rejected.get().record().getConnector()).isEmpty()) {
            return ApiErrors.error(HttpStatus.CONFLICT, "its connector is not configured (any more); nothing would map it");
        }
        try {
            corrections.resubmit(rejected.get().record(), this::contributes);
            return ResponseEntity.accepted().body(Map.of("resubmitted", id));
        } catch (Corrections.NotAnswerable e) {
            return ApiErrors.error(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    private Optional<ResponseEntity<Object>> refuseGrid(Caller caller, String code, HttpServletRequest request) {
        Optional<GridRef> ref = grids.ref(code);
        if (ref.isEmpty()) {
            audit.record(caller, request.getRemoteAddr(), AuditAction.GRID_TABLE, "grid:?", AuditOutcome.NOT_FOUND, List.of());
            return Optional.of(ApiErrors.error(HttpStatus.NOT_FOUND, "no such grid"));
        }
        if (!caller.subscriber().sees(ref.get())) {
            audit.record(caller, request.getRemoteAddr(), AuditAction.GRID_TABLE, "grid:" + code, AuditOutcome.FORBIDDEN, List.of());
            return Optional.of(ApiErrors.error(HttpStatus.FORBIDDEN, "the grid is outside your scope"));
        }
        return Optional.empty();
    }

    private Map<String, Object> item(Subscriber subscriber, Conflict conflict) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("conflictId", conflict.getConflictId());
        item.put("kind", conflict.getKind().name());
        item.put("field", conflict.getField());
        item.put("grid", conflict.getGrid().getGrid());
        item.put("detectedAt", conflict.getDetectedAt().toString());
        item.put("score", conflict.getScore());
        item.put("answerable", conflict.getKind() != ConflictKind.ID_DISAGREES_WITH_RECORD);
        item.put("person", person(subscriber, conflict.getPersonId()));
        if (conflict.getOtherPersonId() != null) {
            item.put("other", person(subscriber, conflict.getOtherPersonId()));
        }
        String candidateField = conflict.getKind() == ConflictKind.CROSS_SHARD_CANDIDATE ? "birthDate" : conflict.getField();
        List<Map<String, Object>> candidates = new ArrayList<>();
        List<CandidateValue> values = conflict.getCandidates();
        for (int i = 0; i < values.size(); i++) {
            CandidateValue candidate = values.get(i);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("index", i);
            c.put("value", subscriber.valueText(candidateField, candidate.getValue()).orElse(null));
            c.put("department", department(candidate.getProvenance().getConnector()));
            c.put("connector", candidate.getProvenance().getConnector());
            c.put("sourceTime", candidate.getProvenance().getSourceTime() == null ? null : candidate.getProvenance().getSourceTime().toString());
            candidates.add(c);
        }
        item.put("candidates", candidates);
        return item;
    }

    private Map<String, Object> person(Subscriber subscriber, String personId) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("personId", personId);
        table.person(personId).flatMap(p -> GridRows.row(subscriber, p, this::department))
                .ifPresent(row -> person.put("cells", row.get("cells")));
        return person;
    }

    /** A source record of the person now carrying this id (following merges), to name the person in a decision. */
    private Optional<Provenance> anyRecordOf(String personId) {
        return table.current(personId).filter(g -> g.getStatus() == PersonStatus.ACTIVE).flatMap(g -> g.getSources().stream().findFirst());
    }

    /** Whether a source record contributes to a current person (then the mapping took a later version of it). */
    private boolean contributes(String connector, String sourceKey) {
        boolean[] found = {false};
        table.forEach(golden -> {
            if (!found[0] && golden.getStatus() == PersonStatus.ACTIVE) {
                found[0] = golden.getSources().stream()
                        .anyMatch(p -> p.getConnector().equals(connector) && p.getSourceKey().equals(sourceKey));
            }
        });
        return found[0];
    }

    private String department(String connector) {
        return connectors.of(connector).map(ConnectorStatus::department).orElse(connector);
    }

    @SuppressWarnings("unchecked")
    private static String sortName(Map<String, Object> row) {
        Object name = ((Map<String, Object>) row.get("cells")).get("name");
        String text = name == null ? "" : String.valueOf(((Map<String, Object>) name).get("value"));
        String pinyin = Names.pinyinKey(text);
        return pinyin == null ? text : pinyin;
    }

    private static String payloadText(RejectedRecord record) {
        ByteBuffer buffer = record.getOriginalPayload().duplicate();
        byte[] bytes = new byte[Math.min(buffer.remaining(), PAYLOAD_SHOWN)];
        buffer.get(bytes);
        String type = record.getContentType().toLowerCase(Locale.ROOT);
        if (!(type.startsWith("text/") || type.contains("json") || type.contains("csv"))) {
            return "(" + record.getOriginalPayload().remaining() + " bytes of " + record.getContentType() + ")";
        }
        Charset charset = StandardCharsets.UTF_8;
        int at = type.indexOf("charset=");
        if (at >= 0) {
            try {
                charset = Charset.forName(type.substring(at + 8).split(";")[0].strip());
            } catch (RuntimeException e) {
                // an unknown charset: show it as UTF-8
            }
        }
        String text = new String(bytes, charset);
        return Masks.inText(text) + (record.getOriginalPayload().remaining() > PAYLOAD_SHOWN ? "…" : "");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        pushes.shutdownNow();
        pipelineWatchers.forEach(SseEmitter::complete);
    }
}

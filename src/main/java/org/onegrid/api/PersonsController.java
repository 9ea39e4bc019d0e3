package org.onegrid.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.onegrid.publish.PersonTable;
import org.onegrid.publish.ViewJson;
import org.onegrid.schema.AuditAction;
import org.onegrid.schema.AuditOutcome;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.GridRef;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.PersonView;
import org.onegrid.security.PolicyField;
import org.onegrid.security.RegionScope;
import org.onegrid.security.Subscriber;
import org.onegrid.standardize.IdNumber;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The query API over the golden table. Every person it returns is the caller's view ({@link Subscriber#view}); a
 * person outside the caller's scope is answered as if it did not exist (404, or not found by a search), a grid outside
 * it with 403. Each read is audited before the answer leaves; search terms never are.
 */
@RestController
final class PersonsController {

    /** At most this many persons per search: the API is for finding someone, not for copying the table. */
    static final int SEARCH_LIMIT = 50;

    private final PersonTable table;
    private final GridDirectory grids;
    private final AuditLog audit;

    PersonsController(PersonTable table, GridDirectory grids, AuditLog audit) {
        this.table = table;
        this.grids = grids;
        this.audit = audit;
    }

    @GetMapping("/api/grids/{code}/persons")
    ResponseEntity<Object> grid(@PathVariable String code, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        Subscriber subscriber = caller.subscriber();
        Optional<GridRef> ref = grids.ref(code);
        String target = ApiRequest.gridTarget(code, c -> ref.isPresent());
        if (ref.isEmpty()) {
            audit.record(caller, request.getRemoteAddr(), AuditAction.GRID_TABLE, target, AuditOutcome.NOT_FOUND, List.of());
            return ApiErrors.error(HttpStatus.NOT_FOUND, "no such grid");
        }
        if (!subscriber.sees(ref.get())) {
            audit.record(caller, request.getRemoteAddr(), AuditAction.GRID_TABLE, target, AuditOutcome.FORBIDDEN, List.of());
            return ApiErrors.error(HttpStatus.FORBIDDEN, "the grid is outside your scope");
        }
        List<PersonView> views = table.in(RegionScope.Level.GRID, code).stream()
                .map(subscriber::view).flatMap(Optional::stream).toList();
        audit.record(caller, request.getRemoteAddr(), AuditAction.GRID_TABLE, target, AuditOutcome.ALLOWED, ids(views));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grid", code);
        body.put("persons", views.stream().map(ViewJson::toMap).toList());
        return ResponseEntity.ok(body);
    }

    @GetMapping("/api/persons/{personId}")
    ResponseEntity<Object> person(@PathVariable String personId, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        Optional<GoldenPerson> golden = table.current(personId);
        Optional<PersonView> view = golden.flatMap(caller.subscriber()::view);
        String target = ApiRequest.personTarget(personId);
        if (view.isEmpty()) {
            AuditOutcome outcome = golden.isPresent() ? AuditOutcome.FORBIDDEN : AuditOutcome.NOT_FOUND;
            audit.record(caller, request.getRemoteAddr(), AuditAction.PERSON, target, outcome, List.of());
            return ApiErrors.error(HttpStatus.NOT_FOUND, "no such person in your scope");
        }
        audit.record(caller, request.getRemoteAddr(), AuditAction.PERSON, target, AuditOutcome.ALLOWED, ids(List.of(view.get())));
        return ResponseEntity.ok(ViewJson.toMap(view.get()));
    }

    /**
     * A search by name ({@code {"name": ...}}) or by ID number ({@code {"idNumber": ...}}), in the body so that neither
     * appears in a URL or an access log.
     */
    @PostMapping("/api/persons/search")
    ResponseEntity<Object> search(@RequestBody(required = false) Map<String, Object> query, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        Map<String, Object> terms = query == null ? Map.of() : query;
        if (terms.containsKey("idNumber") && terms.containsKey("name")) {
            audit.record(caller, request.getRemoteAddr(), AuditAction.SEARCH, ApiRequest.WITHHELD, AuditOutcome.NOT_FOUND, List.of());
            return ApiErrors.error(HttpStatus.BAD_REQUEST, "search by a name or by an ID number, not both at once");
        }
        return terms.containsKey("idNumber")
                ? searchByIdNumber(caller, terms.get("idNumber"), request)
                : searchByName(caller, terms.get("name"), request);
    }

    private ResponseEntity<Object> searchByName(Caller caller, Object name, HttpServletRequest request) {
        Optional<NameQuery> wanted = NameQuery.of(name instanceof String text ? text : null);
        if (wanted.isEmpty()) {
            audit.record(caller, request.getRemoteAddr(), AuditAction.SEARCH, null, AuditOutcome.NOT_FOUND, List.of());
            return ApiErrors.error(HttpStatus.BAD_REQUEST, "give a name to search for: {\"name\": \"...\"}, or an ID number: {\"idNumber\": \"...\"}");
        }
        List<PersonView> found = find(caller.subscriber(), wanted.get()::matches);
        audit.record(caller, request.getRemoteAddr(), AuditAction.SEARCH, null,
                found.isEmpty() ? AuditOutcome.NOT_FOUND : AuditOutcome.ALLOWED, ids(found));
        return found(found);
    }

    /**
     * The current person holding a valid ID number, for subscribers that see ID numbers in full only: to anyone else
     * the lookup would tell whether a number it may not see belongs to someone. The number is audited as withheld.
     */
    private ResponseEntity<Object> searchByIdNumber(Caller caller, Object text, HttpServletRequest request) {
        Subscriber subscriber = caller.subscriber();
        if (!subscriber.showsInFull(PolicyField.ID_NUMBER)) {
            audit.record(caller, request.getRemoteAddr(), AuditAction.SEARCH, ApiRequest.WITHHELD, AuditOutcome.FORBIDDEN, List.of());
            return ApiErrors.error(HttpStatus.FORBIDDEN, "your field policy does not show ID numbers in full, so you cannot search"
                    + " by one; search by name instead");
        }
        IdNumber wanted = IdNumber.parse(text instanceof String s ? s : null);
        if (!wanted.isIdentity()) {
            audit.record(caller, request.getRemoteAddr(), AuditAction.SEARCH, ApiRequest.WITHHELD, AuditOutcome.NOT_FOUND, List.of());
            return ApiErrors.error(HttpStatus.BAD_REQUEST, "not a valid ID number: give its 18 characters (the last one the"
                    + " check character) or a 15-digit legacy number");
        }
        List<PersonView> found = find(subscriber,
                golden -> golden.getIdNumber() != null && wanted.number().equals(golden.getIdNumber().getValue()));
        audit.record(caller, request.getRemoteAddr(), AuditAction.SEARCH, ApiRequest.WITHHELD,
                found.isEmpty() ? AuditOutcome.NOT_FOUND : AuditOutcome.ALLOWED, ids(found));
        return found(found);
    }

    /** The current persons in the subscriber's scope that match, as it may see them; at most {@value #SEARCH_LIMIT}. */
    private List<PersonView> find(Subscriber subscriber, Predicate<GoldenPerson> matches) {
        Set<String> seen = new LinkedHashSet<>();
        List<PersonView> found = new ArrayList<>();
        Consumer<GoldenPerson> consider = golden -> {
            if (found.size() < SEARCH_LIMIT && seen.add(golden.getPersonId())
                    && golden.getStatus() == PersonStatus.ACTIVE && matches.test(golden)) {
                subscriber.view(golden).ifPresent(found::add);
            }
        };
        RegionScope scope = subscriber.scope();
        if (scope.city()) {
            table.forEach(consider);
        } else {
            for (RegionScope.Level level : RegionScope.Level.values()) {
                scope.codes(level).forEach(code -> table.in(level, code).forEach(consider));
            }
        }
        return found;
    }

    private static ResponseEntity<Object> found(List<PersonView> persons) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("persons", persons.stream().map(ViewJson::toMap).toList());
        body.put("limit", SEARCH_LIMIT);
        return ResponseEntity.ok(body);
    }

    private static List<String> ids(List<PersonView> views) {
        return views.stream().map(PersonView::getPersonId).toList();
    }
}

package org.onegrid.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.onegrid.schema.AuditAction;

/**
 * What an {@code /api} path asks for, as the audit log names it (also for requests refused before a controller).
 * A path segment is audited only when it is a person id or a grid code the city knows; anything else could be
 * personal data typed in the wrong place (an ID number, a phone) and is withheld.
 */
record ApiRequest(AuditAction action, String target) {

    static final String WITHHELD = "(withheld)";
    private static final Pattern GRID = Pattern.compile("/api/grids/([^/]+)/persons/?");
    private static final Pattern SEARCH = Pattern.compile("/api/persons/search/?");
    private static final Pattern PERSON = Pattern.compile("/api/persons/([^/]+)/?");
    private static final Pattern PERSON_ID = Pattern.compile("P[0-9A-F]{1,40}");

    static ApiRequest of(HttpServletRequest request, Predicate<String> knownGrid) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher m = GRID.matcher(path);
        if (m.matches()) {
            return new ApiRequest(AuditAction.GRID_TABLE, gridTarget(m.group(1), knownGrid));
        }
        if (SEARCH.matcher(path).matches()) {
            return new ApiRequest(AuditAction.SEARCH, null);
        }
        m = PERSON.matcher(path);
        if (m.matches()) {
            return new ApiRequest(AuditAction.PERSON, personTarget(m.group(1)));
        }
        return new ApiRequest(AuditAction.OTHER, null);
    }

    static String gridTarget(String code, Predicate<String> knownGrid) {
        return "grid:" + (knownGrid.test(code) ? code : WITHHELD);
    }

    static String personTarget(String personId) {
        return PERSON_ID.matcher(personId).matches() ? personId : WITHHELD;
    }
}

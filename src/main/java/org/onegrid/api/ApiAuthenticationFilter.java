package org.onegrid.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.onegrid.schema.AuditCredential;
import org.onegrid.schema.AuditOutcome;
import org.onegrid.security.BearerTokens;
import org.onegrid.security.Subscriber;
import org.onegrid.security.Subscribers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets an {@code /api} request through only with a credential that stands for a subscriber: an API key in
 * {@code X-API-Key}, a bearer token in {@code Authorization} whose subject is a subscriber's, or the cookie of an
 * operations console session (then a request that changes something must also carry {@code X-OneGrid-Console}, which
 * a page of another site cannot send). A request without one, or with one that is not accepted, is answered 401 and
 * audited; the credential itself is never logged.
 */
final class ApiAuthenticationFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    static final String CONSOLE_HEADER = "X-OneGrid-Console";
    private static final long MAX_DRAINED = 64 * 1024;
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Subscribers subscribers;
    private final BearerTokens tokens;
    private final AuditLog audit;
    private final GridDirectory grids;
    private final ConsoleSessions sessions;

    ApiAuthenticationFilter(Subscribers subscribers, BearerTokens tokens, AuditLog audit, GridDirectory grids,
                            ConsoleSessions sessions) {
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.audit = audit;
        this.grids = grids;
        this.sessions = sessions;
    }

    /** The subscriber a request's credential stands for, and how it identified itself (NONE: it presented none). */
    private record Presented(AuditCredential credential, Optional<Subscriber> subscriber) {}

    private Presented presented(HttpServletRequest request) {
        String key = request.getHeader(API_KEY_HEADER);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (key != null) {
            return new Presented(AuditCredential.API_KEY, subscribers.byApiKey(key));
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Presented(AuditCredential.JWT,
                    tokens.subject(authorization.substring(7).strip()).flatMap(subscribers::byJwtSubject));
        }
        return new Presented(AuditCredential.NONE, Optional.empty());
    }

    /** The caller an API key or bearer token of this request stands for: how the console signs in. */
    Optional<Caller> signIn(HttpServletRequest request) {
        Presented presented = presented(request);
        return presented.subscriber().map(s -> new Caller(s, presented.credential()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Presented presented = presented(request);
        AuditCredential credential = presented.credential();
        Optional<Caller> caller = presented.subscriber().map(s -> new Caller(s, credential));
        if (credential == AuditCredential.NONE) {
            caller = sessions.caller(sessionId(request));
            if (caller.isPresent() && !SAFE_METHODS.contains(request.getMethod()) && request.getHeader(CONSOLE_HEADER) == null) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "a console request that changes something needs " + CONSOLE_HEADER);
                return;
            }
        }
        if (caller.isPresent()) {
            request.setAttribute(Caller.ATTRIBUTE, caller.get());
            chain.doFilter(request, response);
            return;
        }
        ApiRequest target = ApiRequest.of(request, code -> grids.ref(code).isPresent());
        try {
            audit.record(null, credential == AuditCredential.NONE ? AuditCredential.NONE : AuditCredential.INVALID,
                    request.getRemoteAddr(), target.action(), target.target(), AuditOutcome.UNAUTHENTICATED, List.of());
        } catch (AuditLog.Unavailable e) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        // Read what the client is still sending (a search body), so it gets the answer instead of a reset connection.
        request.getInputStream().readNBytes((int) Math.max(0, Math.min(request.getContentLengthLong(), MAX_DRAINED)));
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(credential == AuditCredential.NONE
                ? "{\"error\":\"authentication required: an API key in X-API-Key or a bearer token\"}"
                : "{\"error\":\"the API key or token is not accepted\"}");
    }

    static String sessionId(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        return Arrays.stream(request.getCookies()).filter(c -> ConsoleSessions.COOKIE.equals(c.getName()))
                .map(Cookie::getValue).findFirst().orElse(null);
    }
}

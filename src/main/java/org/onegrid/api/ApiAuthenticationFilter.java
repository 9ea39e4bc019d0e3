package org.onegrid.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
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
 * {@code X-API-Key}, or a bearer token in {@code Authorization} whose subject is a subscriber's. A request without
 * one, or with one that is not accepted, is answered 401 and audited; the credential itself is never logged.
 */
final class ApiAuthenticationFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final long MAX_DRAINED = 64 * 1024;

    private final Subscribers subscribers;
    private final BearerTokens tokens;
    private final AuditLog audit;
    private final GridDirectory grids;

    ApiAuthenticationFilter(Subscribers subscribers, BearerTokens tokens, AuditLog audit, GridDirectory grids) {
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.audit = audit;
        this.grids = grids;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(API_KEY_HEADER);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        AuditCredential credential;
        Optional<Subscriber> subscriber;
        if (key != null) {
            credential = AuditCredential.API_KEY;
            subscriber = subscribers.byApiKey(key);
        } else if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            credential = AuditCredential.JWT;
            subscriber = tokens.subject(authorization.substring(7).strip()).flatMap(subscribers::byJwtSubject);
        } else {
            credential = AuditCredential.NONE;
            subscriber = Optional.empty();
        }
        if (subscriber.isPresent()) {
            request.setAttribute(Caller.ATTRIBUTE, new Caller(subscriber.get(), credential));
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
}

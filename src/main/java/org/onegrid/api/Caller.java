package org.onegrid.api;

import jakarta.servlet.http.HttpServletRequest;
import org.onegrid.schema.AuditCredential;
import org.onegrid.security.Subscriber;

/**
 * Who is calling: the subscriber its credential stands for, and how it identified itself. Set on the request by
 * {@link ApiAuthenticationFilter}; a request without one never reaches a controller.
 */
public record Caller(Subscriber subscriber, AuditCredential credential) {

    static final String ATTRIBUTE = Caller.class.getName();

    public static Caller of(HttpServletRequest request) {
        Object caller = request.getAttribute(ATTRIBUTE);
        if (!(caller instanceof Caller c)) {
            throw new IllegalStateException("an /api request reached a controller without authentication");
        }
        return c;
    }
}

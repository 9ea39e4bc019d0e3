package org.onegrid.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.onegrid.security.ConsoleRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signs staff in to the operations console and out again. Sign-in takes the same credentials as the query API (an API
 * key in {@code X-API-Key} or a bearer token of the city's identity provider) once, and answers with an HttpOnly,
 * same-site session cookie, so the pages never hold the credential.
 */
@RestController
final class SessionController {

    private static final Logger log = LoggerFactory.getLogger(SessionController.class);

    private final ApiAuthenticationFilter credentials;
    private final ConsoleSessions sessions;

    SessionController(ApiAuthenticationFilter credentials, ConsoleSessions sessions) {
        this.credentials = credentials;
        this.sessions = sessions;
    }

    @GetMapping({"/console", "/console/"})
    ResponseEntity<Void> console() {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "/console/index.html").build();
    }

    @PostMapping("/console/session")
    ResponseEntity<Object> signIn(HttpServletRequest request) {
        Optional<Caller> caller = credentials.signIn(request);
        if (caller.isEmpty()) {
            log.info("Console sign-in refused from {}", request.getRemoteAddr());
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .body(Map.of("error", "the key or token is not accepted"));
        }
        String id = sessions.open(caller.get());
        log.info("Console sign-in: subscriber {}", caller.get().subscriber().id());
        ResponseCookie cookie = ResponseCookie.from(ConsoleSessions.COOKIE, id).httpOnly(true).sameSite("Strict")
                .secure(request.isSecure()).path("/").build();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subscriber", caller.get().subscriber().id());
        body.put("roles", caller.get().subscriber().roles().stream().map(ConsoleRole::key).sorted().toList());
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString()).body(body);
    }

    @DeleteMapping("/console/session")
    ResponseEntity<Object> signOut(HttpServletRequest request) {
        sessions.close(ApiAuthenticationFilter.sessionId(request));
        ResponseCookie cookie = ResponseCookie.from(ConsoleSessions.COOKIE, "").httpOnly(true).sameSite("Strict")
                .path("/").maxAge(0).build();
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie.toString()).build();
    }
}

package org.onegrid.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.onegrid.schema.AuditCredential;
import org.onegrid.security.Subscriber;

/**
 * Who is signed in to the operations console: a random session id (the value of an HttpOnly cookie) stands for the
 * subscriber whose API key or token was presented at sign-in. Sessions live in this instance's memory; a session
 * unused for {@link #IDLE} ends, and so do all at a restart (staff sign in again).
 */
public final class ConsoleSessions {

    public static final String COOKIE = "ONEGRID_CONSOLE";
    static final Duration IDLE = Duration.ofMinutes(30);

    private record Session(Subscriber subscriber, AuditCredential credential, Instant lastUsed) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public ConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session for this caller; returns its id. */
    String open(Caller caller) {
        sessions.values().removeIf(s -> expired(s, clock.instant()));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        sessions.put(id, new Session(caller.subscriber(), caller.credential(), clock.instant()));
        return id;
    }

    /** The caller a session id stands for, when it is open; using it keeps it open. */
    Optional<Caller> caller(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session session = sessions.computeIfPresent(id, (k, s) -> expired(s, now) ? null : new Session(s.subscriber(), s.credential(), now));
        return Optional.ofNullable(session).map(s -> new Caller(s.subscriber(), s.credential()));
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private static boolean expired(Session session, Instant now) {
        return session.lastUsed().plus(IDLE).isBefore(now);
    }
}

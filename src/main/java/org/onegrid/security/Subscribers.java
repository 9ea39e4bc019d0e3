package org.onegrid.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.onegrid.config.ConfigProblem;
import org.onegrid.config.ConfigProblemsException;
import org.onegrid.standardize.GridRegister;

/**
 * Every subscriber of the service, read once at start-up from {@code subscribers/*.yaml}; how API callers and
 * bearer tokens are mapped to one of them. A folder that does not exist means no subscribers: nothing can be read.
 */
public final class Subscribers {

    private final Map<String, Subscriber> byId;

    private Subscribers(List<Subscriber> subscribers) {
        Map<String, Subscriber> map = new LinkedHashMap<>();
        subscribers.forEach(s -> map.put(s.id(), s));
        this.byId = Map.copyOf(map);
    }

    /** Subscribers made in code (tests). */
    public static Subscribers of(List<Subscriber> subscribers) {
        return new Subscribers(subscribers);
    }

    /**
     * Reads and checks every file in {@code dir}.
     *
     * @param register the city's grid register, to check scope codes against; null when there is none yet
     * @param sensitiveGroups attribute groups shown only when granted by name
     * @throws ConfigProblemsException with every problem of every file
     */
    public static Subscribers load(Path dir, GridRegister register, Set<String> sensitiveGroups) {
        return load(List.of(dir), register, sensitiveGroups);
    }

    /** The subscribers of several folders, as one set: an id, identity or key used twice is a problem. */
    public static Subscribers load(List<Path> dirs, GridRegister register, Set<String> sensitiveGroups) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Subscriber> subscribers = SubscriberFiles.read(dirs, register, sensitiveGroups, problems);
        ConfigProblemsException.throwIfAny(problems);
        return new Subscribers(subscribers);
    }

    public List<Subscriber> all() {
        return byId.values().stream().sorted(Comparator.comparing(Subscriber::id)).toList();
    }

    public Optional<Subscriber> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The subscriber whose API key this is; every key is compared in constant time. */
    public Optional<Subscriber> byApiKey(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = hash(presented);
        Subscriber found = null;
        for (Subscriber subscriber : byId.values()) {
            if (subscriber.hasKeyHash(hash)) {
                found = subscriber;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The subscriber that bearer tokens with this {@code sub} stand for. */
    public Optional<Subscriber> byJwtSubject(String subject) {
        return byId.values().stream().filter(s -> s.jwtSubject().filter(subject::equals).isPresent()).findFirst();
    }

    /** SHA-256 of an API key: what is kept instead of the key. */
    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

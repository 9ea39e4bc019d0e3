package org.onegrid.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.onegrid.config.ConfigProblem;

/**
 * Creates the subscribers' Kafka users (SCRAM-SHA-512, password from each file's {@code kafka.password} reference)
 * and their ACLs ({@link KafkaAcls}) on a broker the service administers: the embedded one in secure mode. On a
 * production cluster the operators do the same with deploy/kafka-acls.sh. Passwords are used at once, never kept.
 */
public final class BrokerUsers {

    private static final int ITERATIONS = 8192;

    private BrokerUsers() {}

    /** Upserts every subscriber's user and ACLs; returns what could not be done. */
    public static List<ConfigProblem> apply(Admin admin, Subscribers subscribers, Duration timeout) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<UserScramCredentialAlteration> users = new ArrayList<>();
        for (Subscriber subscriber : subscribers.all()) {
            if (subscriber.kafkaPrincipal().isEmpty()) {
                continue;
            }
            String user = subscriber.kafkaPrincipal().get();
            if (subscriber.kafkaPassword().isEmpty()) {
                problems.add(new ConfigProblem("subscriber " + subscriber.id() + ": kafka.password",
                        "missing: the embedded broker in secure mode needs a password to create user " + user + ".",
                        "add kafka.password: ${file:...} or ${env:...} to its file."));
                continue;
            }
            users.add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS),
                    subscriber.kafkaPassword().get().resolve()));
        }
        try {
            if (!users.isEmpty()) {
                admin.alterUserScramCredentials(users).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            var acls = KafkaAcls.forSubscribers(subscribers);
            if (!acls.isEmpty()) {
                admin.createAcls(acls).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            problems.add(new ConfigProblem("onegrid.kafka.embedded.secure",
                    "the subscribers' Kafka users or ACLs could not be created (" + e.getClass().getSimpleName() + ").",
                    "check the broker's log; the service's own user must be a super user."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka users", e);
        }
        return problems;
    }
}

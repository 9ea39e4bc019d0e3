package org.onegrid.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Re-runs the mapping from the raw topics without touching the department systems: sets the mapping application's
 * committed offsets on every raw topic back to the earliest. The stage must be stopped (Kafka refuses to move the
 * offsets of a group with live members); when it starts again it re-maps everything, and because the stage is
 * stateless and the source topic compacted by key, the source topic ends as if the fixed mapping had always run.
 *
 * <p>Operator entry point: {@code java -cp onegrid.jar -Dloader.main=org.onegrid.mapping.MappingReplay
 * org.springframework.boot.loader.launch.PropertiesLauncher --bootstrap-servers host:9092 [--application-id id]
 * [--command-config client.properties]} (docs/mapping.md).
 */
public final class MappingReplay {

    private static final Duration POLL = Duration.ofMillis(500);

    private MappingReplay() {
    }

    /**
     * Resets the application's offsets on every raw topic to the earliest. A stopped stage's members stay in the group
     * until their session times out ({@link MappingStage} sets 10 s); this waits for that, at most {@code timeout}.
     *
     * @return the partitions reset
     * @throws IllegalStateException when the group still has members after {@code timeout} (the stage is running),
     *                               Kafka refuses, or does not answer
     */
    public static Set<TopicPartition> resetToEarliest(Admin admin, String applicationId, Duration timeout) {
        long ms = timeout.toMillis();
        try {
            awaitNoMembers(admin, applicationId, timeout);
            List<String> rawTopics = admin.listTopics().names().get(ms, TimeUnit.MILLISECONDS).stream()
                    .filter(t -> MappingTopology.RAW_TOPICS.matcher(t).matches()).sorted().toList();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (TopicDescription d : admin.describeTopics(rawTopics).allTopicNames().get(ms, TimeUnit.MILLISECONDS)
                    .values()) {
                d.partitions().forEach(p -> earliest.put(new TopicPartition(d.name(), p.partition()),
                        OffsetSpec.earliest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                    admin.listOffsets(earliest).all().get(ms, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
            offsets.forEach((tp, info) -> reset.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(applicationId, reset).all().get(ms, TimeUnit.MILLISECONDS);
            return Set.copyOf(reset.keySet());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused to reset the offsets of " + applicationId
                    + " (is the mapping stage still running? stop it first): " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void awaitNoMembers(Admin admin, String applicationId, Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int members;
            try {
                members = admin.describeConsumerGroups(List.of(applicationId)).describedGroups().get(applicationId)
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).members().size();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return; // never ran: nothing to wait for
                }
                throw e;
            }
            if (members == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the mapping stage " + applicationId + " still has " + members
                        + " member(s) in its group after " + timeout.toSeconds() + " s: stop it first");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** {@code --bootstrap-servers host:port [--application-id id] [--command-config client.properties]}. */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0 || !options.containsKey("--bootstrap-servers")
                || !Set.of("--bootstrap-servers", "--application-id", "--command-config").containsAll(options.keySet())) {
            System.err.println("usage: MappingReplay --bootstrap-servers host:port [--application-id "
                    + MappingStage.APPLICATION_ID + "] [--command-config client.properties]");
            System.exit(2);
            return;
        }
        Properties config = new Properties();
        if (options.containsKey("--command-config")) {
            try (InputStream in = Files.newInputStream(Path.of(options.get("--command-config")))) {
                config.load(in);
            }
        }
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.get("--bootstrap-servers"));
        String applicationId = options.getOrDefault("--application-id", MappingStage.APPLICATION_ID);
        try (Admin admin = Admin.create(config)) {
            Set<TopicPartition> reset = resetToEarliest(admin, applicationId, Duration.ofSeconds(60));
            System.out.println("Reset " + reset.size() + " raw topic partitions of " + applicationId
                    + " to the earliest offset; start the mapping stage to re-map them.");
        }
    }
}

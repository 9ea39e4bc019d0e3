package org.onegrid.backbone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.onegrid.config.ConfigProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the cluster match the topic contract: creates missing topics, and reports topics that exist with a
 * setting the pipeline cannot work with (a golden topic that is not compacted would lose people).
 */
final class TopicContract {

    private static final Logger log = LoggerFactory.getLogger(TopicContract.class);

    private final Admin admin;
    private final int partitions;
    private final short replicationFactor;
    private final Duration timeout;

    TopicContract(Admin admin, int partitions, short replicationFactor, Duration timeout) {
        this.admin = admin;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    /** Creates what is missing; returns the problems with what exists. */
    List<ConfigProblem> ensure(Collection<TopicSpec> specs) {
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicSpec> missing = specs.stream().filter(s -> !existing.contains(s.name())).toList();
            List<TopicSpec> present = specs.stream().filter(s -> existing.contains(s.name())).toList();
            create(missing, problems);
            check(present, problems);
        } catch (ExecutionException | TimeoutException e) {
            problems.add(new ConfigProblem("onegrid.kafka.bootstrap-servers",
                    "could not list or create topics: " + rootMessage(e) + ".",
                    "check that the service's Kafka principal may describe and create onegrid.* topics (deploy/ has the ACLs)."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        }
        return problems;
    }

    private void create(List<TopicSpec> missing, List<ConfigProblem> problems)
            throws InterruptedException, TimeoutException {
        if (missing.isEmpty()) {
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        for (TopicSpec spec : missing) {
            Map<String, String> configs = new HashMap<>(spec.configs());
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy());
            topics.add(new NewTopic(spec.name(), partitions, replicationFactor).configs(configs));
        }
        var results = admin.createTopics(topics).values();
        for (var entry : results.entrySet()) {
            try {
                entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Created topic {}", entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    problems.add(new ConfigProblem("topic " + entry.getKey(), "could not be created: " + rootMessage(e) + ".",
                            "create it by hand with the settings in docs/topics.md, or grant the service CREATE on onegrid.*."));
                }
            }
        }
    }

    private void check(List<TopicSpec> present, List<ConfigProblem> problems)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (present.isEmpty()) {
            return;
        }
        Map<ConfigResource, TopicSpec> resources = new HashMap<>();
        for (TopicSpec spec : present) {
            resources.put(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), spec);
        }
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources.keySet()).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (var entry : configs.entrySet()) {
            TopicSpec spec = resources.get(entry.getKey());
            var policy = entry.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG);
            Set<String> actual = policy == null ? Set.of("delete") : new HashSet<>(List.of(policy.value().split(",")));
            if (!actual.equals(Set.of(spec.cleanupPolicy()))) {
                problems.add(new ConfigProblem("topic " + spec.name(),
                        "cleanup.policy is " + String.join(",", actual) + " but the pipeline needs " + spec.cleanupPolicy()
                                + (spec.compacted() ? " (the latest value of every key must be kept)." : "."),
                        "kafka-configs.sh --bootstrap-server <servers> --alter --entity-type topics --entity-name "
                                + spec.name() + " --add-config cleanup.policy=" + spec.cleanupPolicy()));
            }
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(present.stream().map(TopicSpec::name).toList())
                .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        descriptions.values().stream()
                .filter(d -> d.partitions().size() != partitions)
                .forEach(d -> log.warn("Topic {} has {} partitions where onegrid.topics.partitions says {}; keeping {}",
                        d.name(), d.partitions().size(), partitions, d.partitions().size()));
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}

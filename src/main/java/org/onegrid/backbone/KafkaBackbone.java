package org.onegrid.backbone;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.onegrid.config.ConfigProblem;
import org.onegrid.config.ConfigProblemsException;
import org.onegrid.config.OneGridProperties;
import org.onegrid.config.UnknownKeys;
import org.onegrid.embedded.EmbeddedKafkaBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * The one way into Kafka: the bootstrap servers and client settings every producer, consumer, Streams app and
 * Camel endpoint uses. Starting it checks the configuration, starts the embedded broker when no cluster is
 * configured, reaches the cluster, and applies the topic contract; any problem fails start-up with all of them.
 */
public final class KafkaBackbone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBackbone.class);

    private final OneGridProperties properties;
    private final EmbeddedKafkaBroker embedded;
    private final String bootstrapServers;
    private final Admin admin;

    private KafkaBackbone(OneGridProperties properties, EmbeddedKafkaBroker embedded, String bootstrapServers, Admin admin) {
        this.properties = properties;
        this.embedded = embedded;
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
    }

    /** Checks, connects (or starts the embedded broker), applies the topic contract. */
    public static KafkaBackbone start(OneGridProperties properties, Environment environment) {
        List<ConfigProblem> problems = new ArrayList<>(UnknownKeys.problems(environment, "onegrid", OneGridProperties.class));
        problems.addAll(properties.problems());
        problems.addAll(ClientSecurity.problems(properties.kafka(), environment));
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        OneGridProperties.Kafka kafka = properties.kafka();
        EmbeddedKafkaBroker embedded = null;
        String bootstrap = kafka.bootstrapServers();
        if (kafka.isEmbedded()) {
            try {
                embedded = EmbeddedKafkaBroker.start(kafka.embedded().port(), kafka.embedded().controllerPort(),
                        kafka.embedded().dataDir(), kafka.embedded().secure());
            } catch (IllegalStateException e) {
                throw new ConfigProblemsException(List.of(new ConfigProblem("onegrid.kafka.embedded", e.getMessage(),
                        "stop what holds the port, or choose other ports; or set onegrid.kafka.bootstrap-servers to a cluster.")));
            }
            bootstrap = embedded.bootstrapServers();
        }
        Admin admin = Admin.create(adminConfig(bootstrap, kafka, embedded));
        KafkaBackbone backbone = new KafkaBackbone(properties, embedded, bootstrap, admin);
        try {
            problems.addAll(backbone.reach());
            if (problems.isEmpty()) {
                problems.addAll(backbone.ensureTopics(Topics.pipeline(properties.topics().rejectedRetention())));
            }
            ConfigProblemsException.throwIfAny(problems);
        } catch (RuntimeException e) {
            backbone.close();
            throw e;
        }
        return backbone;
    }

    /** Creates the topics that are missing; returns problems with those that exist. */
    public List<ConfigProblem> ensureTopics(Collection<TopicSpec> specs) {
        OneGridProperties.Topics topics = properties.topics();
        return new TopicContract(admin, topics.partitions(), topics.replicationFactor(), properties.kafka().connectTimeout())
                .ensure(specs);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** True when the service runs the embedded broker in secure mode, and so creates its subscribers' users and ACLs. */
    public boolean isEmbeddedSecure() {
        return embedded != null && embedded.isSecure();
    }

    /**
     * Settings every client needs: bootstrap servers plus the configured client settings (security...), and the
     * service's login on the embedded broker in secure mode. Holds secrets: never log it.
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(properties.kafka().client());
        if (embedded != null) {
            config.putAll(embedded.clientConfig());
        }
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** A shared admin client; do not close it. */
    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    private List<ConfigProblem> reach() {
        long timeout = properties.kafka().connectTimeout().toMillis();
        try {
            String clusterId = admin.describeCluster().clusterId().get(timeout, TimeUnit.MILLISECONDS);
            log.info("Kafka cluster {} reached at {}", clusterId, bootstrapServers);
            return List.of();
        } catch (ExecutionException | TimeoutException e) {
            return List.of(new ConfigProblem("onegrid.kafka.bootstrap-servers",
                    "the Kafka cluster at " + bootstrapServers + " did not answer within " + properties.kafka().connectTimeout().toSeconds()
                            + " s (" + TopicContract.rootMessage(e) + ").",
                    "check the address, the network and onegrid.kafka.client security settings; or remove the key to run on the embedded broker."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reaching Kafka", e);
        }
    }

    private static Map<String, Object> adminConfig(String bootstrap, OneGridProperties.Kafka kafka, EmbeddedKafkaBroker embedded) {
        Map<String, Object> config = new HashMap<>(kafka.client());
        if (embedded != null) {
            config.putAll(embedded.clientConfig());
        }
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        int timeout = (int) Math.min(Integer.MAX_VALUE, kafka.connectTimeout().toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 10_000));
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "onegrid-admin");
        return config;
    }
}

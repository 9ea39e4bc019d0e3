package org.onegrid.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code onegrid.*}. Unknown keys are errors ({@link UnknownKeys}); {@link #problems()} checks
 * values for meaning. docs/configuration.md describes every key; a test fails when one is missing there.
 *
 * @param kafka where the Kafka backbone is, or how to run the embedded one
 * @param topics how the pipeline's topics are created
 * @param resolve how identity resolution runs
 * @param sandbox the sandbox department systems of the embedded default
 * @param connectors where the department connector files are
 * @param mapping how raw records are mapped onto the shared schema
 * @param security who may read what: subscribers, their views, the query API and its audit log
 */
@ConfigurationProperties("onegrid")
public record OneGridProperties(@DefaultValue Kafka kafka, @DefaultValue Topics topics, @DefaultValue Resolve resolve,
                                @DefaultValue Sandbox sandbox, @DefaultValue Connectors connectors,
                                @DefaultValue Mapping mapping, @DefaultValue Security security) {

    /**
     * @param bootstrapServers the cluster to use; empty means: start the embedded single-node broker
     * @param connectTimeout how long start-up waits for the cluster to answer
     * @param client extra Kafka client settings (security.protocol, sasl.mechanism...); secrets as placeholders
     * @param embedded the embedded broker, used only when bootstrapServers is empty
     */
    public record Kafka(
            @DefaultValue("") String bootstrapServers,
            @DefaultValue("15s") Duration connectTimeout,
            Map<String, String> client,
            @DefaultValue Embedded embedded) {

        public Kafka {
            client = client == null ? Map.of() : Map.copyOf(client);
        }

        public boolean isEmbedded() {
            return bootstrapServers == null || bootstrapServers.isBlank();
        }
    }

    /**
     * @param port the broker's client port on 127.0.0.1
     * @param controllerPort the KRaft controller's port on 127.0.0.1
     * @param dataDir where topics and offsets are kept across restarts
     * @param secure SASL/SCRAM logins and ACLs: the service alone reads internal topics, each subscriber its view
     */
    public record Embedded(
            @DefaultValue("9092") int port,
            @DefaultValue("9093") int controllerPort,
            @DefaultValue("var/kafka") Path dataDir,
            @DefaultValue("false") boolean secure) {}

    /**
     * @param partitions partitions of each pipeline topic when OneGrid creates it
     * @param replicationFactor replicas of each topic when OneGrid creates it
     * @param rejectedRetention how long rejected records are kept
     */
    public record Topics(
            @DefaultValue("6") int partitions,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("30d") Duration rejectedRetention) {}

    /**
     * @param sharding how records are spread so one person's records meet: BIRTH_DATE or SINGLE
     * @param stateDir where the resolver keeps its local state (rebuilt from changelogs when lost)
     * @param commitInterval how often results are committed (one transaction each): the resolver's share of change
     *     latency, twice (the router's and the shard's), and of publishing's
     * @param threads stream threads in this instance
     * @param survivorship per golden field, the connectors authoritative for it, most authoritative first
     * @param sweepInterval how often the cross-shard sweep looks for records the shard key kept apart
     * @param cacheSize the record cache in front of the resolver's stores (Streams' statestore.cache.max.bytes)
     */
    public record Resolve(
            @DefaultValue("BIRTH_DATE") String sharding,
            @DefaultValue("var/streams") Path stateDir,
            @DefaultValue("50ms") Duration commitInterval,
            @DefaultValue("1") int threads,
            Map<String, List<String>> survivorship,
            @DefaultValue("30s") Duration sweepInterval,
            @DefaultValue("64MB") DataSize cacheSize) {

        public Resolve {
            survivorship = survivorship == null ? Map.of() : Map.copyOf(survivorship);
        }
    }

    /**
     * @param enabled start the four sandbox department systems (never in production)
     * @param dir where they keep their data, credentials, the grid register and the truth
     * @param persons residents of the generated city they are seeded with (once)
     * @param seed seed of the generated city
     * @param postgresPort civil affairs' PostgreSQL, on 127.0.0.1
     * @param mariadbPort public security's MariaDB, on 127.0.0.1
     * @param healthPort the health department's HTTP API, on 127.0.0.1
     */
    public record Sandbox(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("var/sandbox") Path dir,
            @DefaultValue("2000") int persons,
            @DefaultValue("7") long seed,
            @DefaultValue("15432") int postgresPort,
            @DefaultValue("13306") int mariadbPort,
            @DefaultValue("18080") int healthPort) {}

    /**
     * @param dir the folder of connector files ({@code <id>.yaml}, one per department system); docs/connectors.md
     */
    public record Connectors(@DefaultValue("connectors") Path dir) {}

    /**
     * @param gridRegister the city's grid register (YAML, docs/standardization.md), placing addresses in grids;
     *     when the file is absent, addresses are kept and flagged ADDRESS_NOT_IN_GRID
     * @param commitInterval how often the mapping commits (one transaction each): its share of change latency
     * @param threads stream threads of the mapping in this instance
     */
    public record Mapping(
            @DefaultValue("var/sandbox/grid-register.yaml") Path gridRegister,
            @DefaultValue("50ms") Duration commitInterval,
            @DefaultValue("1") int threads) {}

    /**
     * @param subscribersDir the folder of subscriber files ({@code <id>.yaml}, one per dashboard or department system
     *     that reads the golden table); docs/security.md
     * @param sensitiveGroups attribute groups a policy grants only by naming them (never through {@code "*"})
     * @param auditRetention how long the audit log of API reads is kept
     * @param jwt how bearer tokens of the query API are checked
     */
    public record Security(
            @DefaultValue("subscribers") Path subscribersDir,
            @DefaultValue({"health", "subsidy", "key-person"}) List<String> sensitiveGroups,
            @DefaultValue("365d") Duration auditRetention,
            @DefaultValue Jwt jwt) {

        public Security {
            sensitiveGroups = sensitiveGroups == null ? List.of() : List.copyOf(sensitiveGroups);
        }
    }

    /**
     * @param jwks a JWKS file with the public keys of the identity provider that signs bearer tokens; empty: no bearer
     *     tokens are accepted
     * @param issuer the {@code iss} every token must carry
     * @param audience the {@code aud} every token must include
     */
    public record Jwt(
            @DefaultValue("") String jwks,
            @DefaultValue("") String issuer,
            @DefaultValue("") String audience) {

        public boolean enabled() {
            return jwks != null && !jwks.isBlank();
        }
    }

    /** Values that bind but make no sense. */
    public List<ConfigProblem> problems() {
        List<ConfigProblem> problems = new ArrayList<>();
        if (kafka.isEmbedded()) {
            checkPort(problems, "onegrid.kafka.embedded.port", kafka.embedded().port());
            checkPort(problems, "onegrid.kafka.embedded.controller-port", kafka.embedded().controllerPort());
            if (kafka.embedded().port() == kafka.embedded().controllerPort()) {
                problems.add(new ConfigProblem("onegrid.kafka.embedded.controller-port",
                        "the controller port is the same as the broker port.", "choose two different ports."));
            }
        }
        if (kafka.connectTimeout().isNegative() || kafka.connectTimeout().isZero()) {
            problems.add(new ConfigProblem("onegrid.kafka.connect-timeout", "must be positive.",
                    "set a duration such as 15s."));
        }
        if (topics.partitions() < 1) {
            problems.add(new ConfigProblem("onegrid.topics.partitions", "must be at least 1.",
                    "set the number of partitions, e.g. 6."));
        }
        if (topics.replicationFactor() < 1) {
            problems.add(new ConfigProblem("onegrid.topics.replication-factor", "must be at least 1.",
                    "use 1 for the embedded broker, 3 on a production cluster."));
        }
        if (kafka.isEmbedded() && topics.replicationFactor() > 1) {
            problems.add(new ConfigProblem("onegrid.topics.replication-factor",
                    "the embedded broker is a single node and cannot hold " + topics.replicationFactor() + " replicas.",
                    "use 1, or set onegrid.kafka.bootstrap-servers to a cluster."));
        }
        if (sandbox.enabled()) {
            checkPort(problems, "onegrid.sandbox.postgres-port", sandbox.postgresPort());
            checkPort(problems, "onegrid.sandbox.mariadb-port", sandbox.mariadbPort());
            checkPort(problems, "onegrid.sandbox.health-port", sandbox.healthPort());
            if (sandbox.persons() < 1 || sandbox.persons() > 10_000_000) {
                problems.add(new ConfigProblem("onegrid.sandbox.persons", "must be between 1 and 10,000,000.",
                        "choose the size of the generated city, e.g. 2000."));
            }
        }
        if (!List.of("BIRTH_DATE", "SINGLE").contains(resolve.sharding())) {
            problems.add(new ConfigProblem("onegrid.resolve.sharding", "unknown sharding '" + resolve.sharding() + "'.",
                    "use BIRTH_DATE (the default) or SINGLE (one shard, for small deployments)."));
        }
        if (resolve.threads() < 1) {
            problems.add(new ConfigProblem("onegrid.resolve.threads", "must be at least 1.", "use 1 per core you give the resolver."));
        }
        if (mapping.threads() < 1) {
            problems.add(new ConfigProblem("onegrid.mapping.threads", "must be at least 1.", "use 1; the mapping is cheap beside the resolver."));
        }
        checkCommitInterval(problems, "onegrid.resolve.commit-interval", resolve.commitInterval());
        checkCommitInterval(problems, "onegrid.mapping.commit-interval", mapping.commitInterval());
        if (resolve.cacheSize().isNegative()) {
            problems.add(new ConfigProblem("onegrid.resolve.cache-size", "must not be negative.",
                    "use 64MB; 0 turns the cache off."));
        }
        if (resolve.sweepInterval().compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add(new ConfigProblem("onegrid.resolve.sweep-interval", "must be at least 1s.",
                    "use 30s: questions about records the shard key kept apart then appear within a minute."));
        }
        if (security.auditRetention().isNegative() || security.auditRetention().isZero()) {
            problems.add(new ConfigProblem("onegrid.security.audit-retention", "must be positive.",
                    "keep the audit log at least as long as the law asks, e.g. 365d."));
        }
        Jwt jwt = security.jwt();
        if (jwt.enabled() && !Files.isRegularFile(Path.of(jwt.jwks()))) {
            problems.add(new ConfigProblem("onegrid.security.jwt.jwks", "the file " + jwt.jwks() + " does not exist.",
                    "save the identity provider's public keys (its JWKS document) there, or remove the key to accept no tokens."));
        }
        if (jwt.enabled() && (jwt.issuer().isBlank() || jwt.audience().isBlank())) {
            problems.add(new ConfigProblem("onegrid.security.jwt", "issuer and audience are required with jwks.",
                    "set onegrid.security.jwt.issuer and onegrid.security.jwt.audience to what the identity provider writes in iss and aud."));
        }
        return problems;
    }

    private static void checkCommitInterval(List<ConfigProblem> problems, String key, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            problems.add(new ConfigProblem(key, "must be positive.", "use 50ms for sub-second latency."));
        }
    }

    private static void checkPort(List<ConfigProblem> problems, String key, int port) {
        if (port < 1 || port > 65535) {
            problems.add(new ConfigProblem(key, "port " + port + " is outside 1-65535.", "choose a free port."));
        }
    }
}

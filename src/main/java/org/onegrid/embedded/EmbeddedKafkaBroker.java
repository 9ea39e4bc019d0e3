package org.onegrid.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker (broker and controller in one) inside this JVM, listening on 127.0.0.1 only.
 * Its data directory is formatted once and reused, so topics and committed offsets survive a restart.
 * Must never be started when a cluster is configured.
 *
 * <p>In secure mode clients connect over TLS and authenticate with SASL/SCRAM-SHA-512 ({@code SASL_SSL}), and
 * Kafka's StandardAuthorizer allows only what an ACL allows. The broker's self-signed certificate and the truststore
 * that clients need are made at the first secure start in {@code <data-dir>/tls/} ({@link #clientTrust}). The
 * service's own user ({@link #SERVICE_USER}, a super user) and the broker's are created when the data directory is
 * formatted, with random passwords kept in {@code <data-dir>/secrets/} (owner-only); other users and their ACLs are
 * the service's to create. Passwords are never logged.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String CLIENT_LISTENER_SECURE = "SASL_SSL";
    /** The service's Kafka user in secure mode: a super user. Subscribers may not take this name. */
    public static final String SERVICE_USER = "onegrid";
    /** The broker's own user in secure mode (inter-broker and controller connections). */
    public static final String BROKER_USER = "onegrid-broker";
    public static final String SCRAM = "SCRAM-SHA-512";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Map<String, Object> clientConfig;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Map<String, Object> clientConfig) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.clientConfig = Map.copyOf(clientConfig);
    }

    /**
     * Formats {@code dataDir} if it is new, then starts the broker.
     *
     * @throws IllegalStateException when a port is taken or the data directory cannot be used
     */
    public static EmbeddedKafkaBroker start(int port, int controllerPort, Path dataDir) {
        return start(port, controllerPort, dataDir, false);
    }

    /**
     * Formats {@code dataDir} if it is new, then starts the broker; in secure mode with SASL/SCRAM over TLS and ACLs.
     *
     * @throws IllegalStateException when a port is taken, the data directory cannot be used, or secure mode is asked
     *     of a data directory formatted without it
     */
    public static EmbeddedKafkaBroker start(int port, int controllerPort, Path dataDir, boolean secure) {
        requireFree(port, "onegrid.kafka.embedded.port");
        requireFree(controllerPort, "onegrid.kafka.embedded.controller-port");
        Path logDir = dataDir.toAbsolutePath().resolve("log");
        Path secrets = dataDir.toAbsolutePath().resolve("secrets");
        Map<String, Object> clientConfig = new HashMap<>();
        Properties config;
        try {
            Files.createDirectories(logDir);
            boolean formatted = Files.exists(logDir.resolve("meta.properties"));
            if (secure) {
                if (formatted && !Files.exists(secrets.resolve(SERVICE_USER + ".password"))) {
                    throw new IllegalStateException("the data directory " + dataDir + " was formatted without secure mode,"
                            + " so it has no users; delete it to start over in secure mode (its topics are lost)");
                }
                String servicePassword = secret(secrets.resolve(SERVICE_USER + ".password"));
                String brokerPassword = secret(secrets.resolve(BROKER_USER + ".password"));
                if (!formatted) {
                    format(logDir, List.of(scram(SERVICE_USER, servicePassword), scram(BROKER_USER, brokerPassword)));
                }
                Path tls = tlsDir(dataDir);
                BrokerTls.ensure(tls);
                config = secureBrokerConfig(port, controllerPort, logDir, brokerPassword);
                config.putAll(BrokerTls.brokerConfig(tls));
                clientConfig.put("security.protocol", CLIENT_LISTENER_SECURE);
                clientConfig.put("sasl.mechanism", SCRAM);
                clientConfig.put("sasl.jaas.config", scramJaas(SERVICE_USER, servicePassword));
                clientConfig.putAll(BrokerTls.clientConfig(tls));
            } else {
                if (!formatted) {
                    format(logDir, List.of());
                }
                config = brokerConfig(port, controllerPort, logDir);
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the embedded broker's data directory " + logDir + ": " + e.getMessage(), e);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + port;
        log.info("No Kafka cluster configured: started the embedded single-node broker at {} with data in {}{}", bootstrap, dataDir,
                secure ? " (secure: SASL/SCRAM over TLS, ACLs)" : "");
        return new EmbeddedKafkaBroker(server, bootstrap, clientConfig);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * The client settings the service needs on this broker: none in plain mode; in secure mode TLS with the broker's
     * truststore, and the service's SASL login.
     */
    public Map<String, Object> clientConfig() {
        return clientConfig;
    }

    public boolean isSecure() {
        return !clientConfig.isEmpty();
    }

    /**
     * What a client of the secure broker of this data directory needs to trust it: {@code ssl.truststore.*} pointing
     * at {@code <data-dir>/tls/truststore.p12}, with the password read from the file beside it. Holds that password:
     * never log it.
     *
     * @throws IllegalStateException when the broker has not made its TLS files yet (it never ran in secure mode)
     */
    public static Map<String, Object> clientTrust(Path dataDir) {
        try {
            return Map.copyOf(BrokerTls.clientConfig(tlsDir(dataDir)));
        } catch (IOException e) {
            throw new IllegalStateException("the broker of " + dataDir + " has no truststore yet: start it once in secure mode", e);
        }
    }

    /** The JAAS line of a SCRAM login; it holds a password, so it must never be logged. */
    public static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        log.info("Embedded Kafka broker stopped");
    }

    private static Properties brokerConfig(int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("log.dirs", logDir.toString());
        // One node: internal topics cannot have more than one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics come from the topic contract only, never from a typo in a consumer.
        p.put("auto.create.topics.enable", "false");
        p.put("log.cleaner.backoff.ms", "5000");
        // A Streams transaction's first records often reach a partition before the previous transaction's commit
        // marker does. The broker then waits for the marker; past this time it answers CONCURRENT_TRANSACTIONS and
        // the client backs off and retries, which costs more than waiting here (default: 100 ms).
        p.put("add.partitions.to.txn.retry.backoff.max.ms", "1000");
        return p;
    }

    private static Properties secureBrokerConfig(int port, int controllerPort, Path logDir, String brokerPassword) {
        Properties p = brokerConfig(port, controllerPort, logDir);
        String client = CLIENT_LISTENER_SECURE;
        p.put("listeners", client + "://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", client + "://127.0.0.1:" + port);
        // The controller listener carries only the broker's connections to its own controller, inside this JVM over
        // loopback: it stays without TLS.
        p.put("listener.security.protocol.map", client + ":SASL_SSL," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", client);
        p.put("sasl.mechanism.inter.broker.protocol", SCRAM);
        p.put("listener.name.sasl_ssl.sasl.enabled.mechanisms", SCRAM);
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", scramJaas(BROKER_USER, brokerPassword));
        // KRaft controllers cannot read SCRAM users from metadata they serve, so the controller listener uses PLAIN with
        // the broker's own user, declared here.
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"" + BROKER_USER + "\" password=\"" + brokerPassword + "\" user_" + BROKER_USER + "=\"" + brokerPassword + "\";");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + BROKER_USER + ";User:" + SERVICE_USER);
        p.put("allow.everyone.if.no.acl.found", "false");
        return p;
    }

    private static String scram(String user, String password) {
        return SCRAM + "=[name=" + user + ",password=" + password + "]";
    }

    private static Path tlsDir(Path dataDir) {
        return dataDir.toAbsolutePath().resolve("tls");
    }

    /** The secret kept in this file (a password), made (random, owner-only) when there is none. */
    static String secret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        Files.writeString(file, password + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the folder's own permissions are all there is.
        }
        return password;
    }

    private static void format(Path logDir, List<String> scramUsers) throws Exception {
        new Formatter()
                .setScramArguments(scramUsers)
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    private static void requireFree(int port, String key) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new IllegalStateException(key + ": port " + port + " on 127.0.0.1 is already in use.");
        }
    }
}

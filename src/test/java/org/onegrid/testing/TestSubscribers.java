package org.onegrid.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onegrid.mapping.GridRegisterFile;
import org.onegrid.schema.GridRef;
import org.onegrid.security.Subscribers;
import org.onegrid.standardize.GridRegister;

/**
 * The worked examples of docs/security.md as test subscribers (src/test/resources/security/subscribers: a community
 * dashboard, a street office, the health department), their made-up city part, and their secrets: random API keys and
 * Kafka passwords written once per test JVM under target/security-secrets, where the files' references point.
 */
public final class TestSubscribers {

    public static final Path DIR = Path.of("src/test/resources/security/subscribers");
    public static final Path REGISTER = Path.of("src/test/resources/security/grid-register.yaml");
    public static final Path SECRETS = Path.of("target/security-secrets");
    public static final List<String> IDS = List.of("community-dashboard", "health-department", "street-office");
    public static final Set<String> SENSITIVE = Set.of("health", "subsidy", "key-person");

    /** 长青社区 第一网格 (城北街道). */
    public static final GridRef CHANGQING_1 = grid("360502001001001");
    /** 长青社区 第二网格 (城北街道). */
    public static final GridRef CHANGQING_2 = grid("360502001001002");
    /** 胜利社区 第一网格 (城北街道). */
    public static final GridRef SHENGLI_1 = grid("360502001002001");
    /** 南湖社区 第一网格 (城南街道). */
    public static final GridRef NANHU_1 = grid("360502002001001");

    private static Map<String, String> keys;
    private static Map<String, String> passwords;

    private TestSubscribers() {}

    /** The grid reference of a grid code of the test register (its codes nest: 6 + 3 + 3 + 3 digits). */
    public static GridRef grid(String code) {
        return new GridRef(code.substring(0, 6), code.substring(0, 9), code.substring(0, 12), code);
    }

    /** API key of each example subscriber. */
    public static synchronized Map<String, String> apiKeys() {
        writeSecrets();
        return keys;
    }

    /** Kafka password of each example subscriber with a Kafka principal. */
    public static synchronized Map<String, String> kafkaPasswords() {
        writeSecrets();
        return passwords;
    }

    public static GridRegister register() {
        return GridRegisterFile.load(REGISTER);
    }

    /** The example subscribers, loaded as the service loads them. */
    public static Subscribers load() {
        writeSecrets();
        return Subscribers.load(DIR, register(), SENSITIVE);
    }

    private static synchronized void writeSecrets() {
        if (keys != null) {
            return;
        }
        SecureRandom random = new SecureRandom();
        Map<String, String> k = new LinkedHashMap<>();
        Map<String, String> p = new LinkedHashMap<>();
        try {
            Files.createDirectories(SECRETS);
            for (String id : IDS) {
                k.put(id, write(id + ".key", random));
                p.put(id, write(id + ".password", random));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys = Map.copyOf(k);
        passwords = Map.copyOf(p);
    }

    private static String write(String name, SecureRandom random) throws IOException {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        Files.writeString(SECRETS.resolve(name), secret + "\n");
        return secret;
    }
}

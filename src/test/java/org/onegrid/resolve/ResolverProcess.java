package org.onegrid.resolve;

import ch.qos.logback.classic.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.config.OneGridProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The resolver stage alone, in a process of its own, for tests that kill it: binds {@code --onegrid.*=value}
 * arguments as the service does, starts the backbone (reaching the given cluster, applying the topic contract) and the
 * resolver exactly as the service runs them, and waits to be killed. Prints {@link #STARTED} once running.
 */
public final class ResolverProcess {

    static final String STARTED = "resolver process started";

    private ResolverProcess() {}

    public static void main(String[] args) throws InterruptedException {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            settings.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("arguments", settings));
        OneGridProperties properties = Binder.get(environment).bindOrCreate("onegrid", OneGridProperties.class);
        KafkaBackbone backbone = KafkaBackbone.start(properties, environment);
        ResolverStage stage = new ResolverStage(backbone, properties);
        stage.start();
        System.out.println(STARTED);
        new CountDownLatch(1).await();
    }
}

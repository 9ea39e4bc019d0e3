package org.onegrid.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.config.ConfigProblemsException;
import org.onegrid.config.OneGridProperties;
import org.onegrid.embedded.sandbox.Sandbox;
import org.onegrid.mapping.GridRegisterFile;
import org.onegrid.standardize.GridRegister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads and checks the subscribers at start-up; a problem in any file refuses start-up with all of them. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    Subscribers subscribers(OneGridProperties properties) {
        Path registerFile = properties.mapping().gridRegister();
        GridRegister register = registerFile != null && Files.exists(registerFile) ? GridRegisterFile.load(registerFile) : null;
        if (register == null) {
            log.warn("No grid register at onegrid.mapping.grid-register: subscribers' scope codes are not checked");
        }
        List<Path> dirs = new ArrayList<>(List.of(properties.security().subscribersDir()));
        if (properties.sandbox().enabled()) {
            dirs.add(Sandbox.subscribersDir(properties.sandbox().dir()));
        }
        Subscribers subscribers = Subscribers.load(dirs, register, Set.copyOf(properties.security().sensitiveGroups()));
        for (Subscriber s : subscribers.all()) {
            log.info("Subscriber {}: scope {}, policy {}, kafka {}, api key {}, format {}", s.id(), s.scope(),
                    s.policy().describe(), s.kafkaPrincipal().orElse("none"), s.hasApiKey() ? "yes" : "no",
                    s.json() ? "json" : "avro");
        }
        return subscribers;
    }

    /** Bearer tokens of the query API, when a JWKS file is configured; otherwise every token is refused. */
    @Bean
    BearerTokens bearerTokens(OneGridProperties properties) {
        OneGridProperties.Jwt jwt = properties.security().jwt();
        if (!jwt.enabled()) {
            return BearerTokens.NONE;
        }
        log.info("Query API accepts bearer tokens of issuer {} for audience {}", jwt.issuer(), jwt.audience());
        return JwtTokens.of(Path.of(jwt.jwks()), jwt.issuer(), jwt.audience());
    }

    /** On the embedded broker in secure mode, the subscribers' Kafka users and ACLs; elsewhere the operators' (deploy/). */
    @Bean
    BrokerAccess brokerAccess(KafkaBackbone backbone, Subscribers subscribers, OneGridProperties properties) {
        if (backbone.isEmbeddedSecure()) {
            ConfigProblemsException.throwIfAny(BrokerUsers.apply(backbone.admin(), subscribers, properties.kafka().connectTimeout()));
            log.info("Embedded broker in secure mode: Kafka users and ACLs of {} subscriber(s) applied", subscribers.all().size());
        }
        return new BrokerAccess(backbone.isEmbeddedSecure());
    }

    /** Whether the service applied the subscribers' users and ACLs itself. */
    record BrokerAccess(boolean applied) {}
}

package org.onegrid.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.TopicSpec;
import org.onegrid.backbone.Topics;
import org.onegrid.config.ConfigProblemsException;
import org.onegrid.config.OneGridProperties;
import org.onegrid.mapping.GridRegisterFile;
import org.onegrid.publish.PersonTable;
import org.onegrid.publish.PublishStage;
import org.onegrid.security.BearerTokens;
import org.onegrid.security.Subscribers;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the query API: the audit log (its topic created at start-up), authentication on /api, the console's sessions;
 * the controllers are scanned.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean(destroyMethod = "close")
    AuditLog auditLog(KafkaBackbone backbone, OneGridProperties properties) {
        TopicSpec topic = Topics.audit(properties.security().auditRetention());
        ConfigProblemsException.throwIfAny(backbone.ensureTopics(List.of(topic)));
        return new AuditLog(backbone.clientConfig(), topic, Clock.systemUTC());
    }

    @Bean
    PersonTable personTable(PublishStage stage) {
        return stage.table();
    }

    @Bean
    GridDirectory gridDirectory(OneGridProperties properties, PersonTable table) {
        Path register = properties.mapping().gridRegister();
        return new GridDirectory(register != null && Files.exists(register) ? GridRegisterFile.load(register) : null, table);
    }

    @Bean
    ConsoleSessions consoleSessions() {
        return new ConsoleSessions(Clock.systemUTC());
    }

    @Bean
    ApiAuthenticationFilter apiAuthenticationFilter(Subscribers subscribers, BearerTokens tokens, AuditLog audit,
                                                    GridDirectory grids, ConsoleSessions sessions) {
        return new ApiAuthenticationFilter(subscribers, tokens, audit, grids, sessions);
    }

    /** On /api only (a filter bean without this registration would guard every path). */
    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(ApiAuthenticationFilter filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/*");
        registration.setName("apiAuthentication");
        return registration;
    }
}

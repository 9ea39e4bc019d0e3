package org.onegrid.publish;

import java.util.List;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.TopicSpec;
import org.onegrid.backbone.Topics;
import org.onegrid.config.ConfigProblemsException;
import org.onegrid.config.OneGridProperties;
import org.onegrid.security.Subscribers;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires publishing into the service: every subscriber's view topic, the Streams application, its health. */
@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

    @Bean
    PublishStage publishStage(KafkaBackbone backbone, OneGridProperties properties, Subscribers subscribers) {
        List<TopicSpec> views = subscribers.all().stream().map(s -> Topics.view(s.id(), s.json())).toList();
        ConfigProblemsException.throwIfAny(backbone.ensureTopics(views));
        return new PublishStage(backbone, properties, subscribers);
    }

    @Bean("publish")
    HealthIndicator publishHealth(PublishStage stage) {
        return () -> {
            var state = stage.state();
            return (state.isRunningOrRebalancing() ? Health.up() : Health.down()).withDetail("state", state.name()).build();
        };
    }
}

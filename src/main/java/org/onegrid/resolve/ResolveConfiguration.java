package org.onegrid.resolve;

import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.config.OneGridProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the resolver into the service: the Streams application, and its health for readiness. */
@Configuration(proxyBeanMethods = false)
class ResolveConfiguration {

    @Bean
    ResolverStage resolverStage(KafkaBackbone backbone, OneGridProperties properties) {
        return new ResolverStage(backbone, properties);
    }

    @Bean("resolver")
    HealthIndicator resolverHealth(ResolverStage stage) {
        return () -> {
            var state = stage.state();
            Health.Builder health = state.isRunningOrRebalancing() ? Health.up() : Health.down();
            return health.withDetail("state", state.name()).build();
        };
    }
}

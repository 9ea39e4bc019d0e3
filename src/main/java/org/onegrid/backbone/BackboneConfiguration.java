package org.onegrid.backbone;

import org.onegrid.config.OneGridProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the backbone into the service: one {@link KafkaBackbone}, and the broker's health. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OneGridProperties.class)
class BackboneConfiguration {

    @Bean(destroyMethod = "close")
    KafkaBackbone kafkaBackbone(OneGridProperties properties, Environment environment) {
        return KafkaBackbone.start(properties, environment);
    }

    @Bean("broker")
    BrokerHealthIndicator brokerHealthIndicator(KafkaBackbone backbone) {
        return new BrokerHealthIndicator(backbone);
    }
}

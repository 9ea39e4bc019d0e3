package org.onegrid.mapping.wiring;

import org.onegrid.mapping.GridRegisterFile;
import org.onegrid.mapping.Mapper;
import org.onegrid.mapping.MappingDefinition;
import org.onegrid.mapping.MappingStage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.config.OneGridProperties;
import org.onegrid.connector.ConnectorCatalog;
import org.onegrid.connector.DefinitionCheck;
import org.onegrid.standardize.GridLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the mapping stage into the service: the {@code mapping:} block of every connector file is checked while the
 * catalog loads, and one Streams application maps every usable connector's raw topic onto the shared schema.
 */
@Configuration(proxyBeanMethods = false)
class MappingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MappingConfiguration.class);

    @Bean
    DefinitionCheck mappingCheck() {
        return definition -> MappingDefinition.check(definition.id(), definition.file(), DefinitionCheck.mappingOrNull(definition));
    }

    @Bean(destroyMethod = "close")
    MappingStage mappingStage(KafkaBackbone backbone, ConnectorCatalog catalog, OneGridProperties properties) {
        GridLocator locator = gridLocator(properties.mapping().gridRegister());
        Map<String, Mapper> mappers = new LinkedHashMap<>();
        for (ConnectorCatalog.Entry entry : catalog.entries()) {
            var mapping = entry.definition() == null ? null : DefinitionCheck.mappingOrNull(entry.definition());
            if (entry.usable() && mapping != null) {
                String id = entry.definition().id();
                mappers.put(id, Mapper.of(MappingDefinition.parse(id, entry.definition().file(), mapping), locator));
            }
        }
        Map<String, Object> client = backbone.clientConfig();
        client.put(StreamsConfig.STATE_DIR_CONFIG, properties.resolve().stateDir().toAbsolutePath().toString());
        client.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) properties.topics().replicationFactor());
        client.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, properties.mapping().commitInterval().toMillis());
        client.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.mapping().threads());
        log.info("Mapping stage starting for {} connector(s)", mappers.size());
        return MappingStage.start(client, MappingStage.APPLICATION_ID, mappers, Clock.systemUTC());
    }

    @Bean("mapping")
    HealthIndicator mappingHealth(MappingStage stage) {
        return () -> {
            var state = stage.state();
            return (state.isRunningOrRebalancing() ? Health.up() : Health.down()).withDetail("state", state.name()).build();
        };
    }

    private static GridLocator gridLocator(Path register) {
        if (register == null || register.toString().isBlank() || !Files.exists(register)) {
            log.warn("No grid register at onegrid.mapping.grid-register: addresses are kept but placed in no grid");
            return null;
        }
        return GridLocator.of(GridRegisterFile.load(register));
    }
}

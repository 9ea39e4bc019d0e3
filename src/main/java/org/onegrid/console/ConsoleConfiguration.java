package org.onegrid.console;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.onegrid.backbone.KafkaBackbone;
import org.onegrid.backbone.Topics;
import org.onegrid.config.OneGridProperties;
import org.onegrid.connector.internal.ConnectorStatuses;
import org.onegrid.mapping.MappingStage;
import org.onegrid.publish.PersonTable;
import org.onegrid.publish.PublishStage;
import org.onegrid.resolve.ResolverStage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the console's feed, pipeline monitor and corrections; the pages are static resources under /console/. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    ConsoleFeed consoleFeed(KafkaBackbone backbone, OneGridProperties properties) {
        return new ConsoleFeed(backbone.clientConfig(), Topics.rejected(properties.topics().rejectedRetention()));
    }

    @Bean
    PipelineMonitor pipelineMonitor(KafkaBackbone backbone, ConnectorStatuses connectors, ObjectProvider<MappingStage> mapping,
                                    ObjectProvider<ResolverStage> resolver, ObjectProvider<PublishStage> publish,
                                    PersonTable table, ConsoleFeed feed) {
        List<PipelineMonitor.Stage> stages = new ArrayList<>();
        mapping.ifAvailable(s -> stages.add(new PipelineMonitor.Stage("mapping", () -> s.state().name(), s::processed)));
        resolver.ifAvailable(s -> stages.add(new PipelineMonitor.Stage("resolver", () -> s.state().name(), s::processed)));
        publish.ifAvailable(s -> stages.add(new PipelineMonitor.Stage("publish", () -> s.state().name(), s::processed)));
        return new PipelineMonitor(backbone, connectors, stages, table, feed, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    Corrections corrections(KafkaBackbone backbone) {
        return new Corrections(backbone.clientConfig(), Clock.systemUTC());
    }
}

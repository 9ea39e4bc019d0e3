package org.onegrid.backbone;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** UP while the Kafka cluster answers; part of readiness, since nothing flows without it. */
final class BrokerHealthIndicator extends AbstractHealthIndicator {

    private final KafkaBackbone backbone;

    BrokerHealthIndicator(KafkaBackbone backbone) {
        super("Kafka cluster check failed");
        this.backbone = backbone;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = backbone.admin().describeCluster(new DescribeClusterOptions().timeoutMs(3000));
        int nodes = cluster.nodes().get(3, TimeUnit.SECONDS).size();
        builder.up()
                .withDetail("clusterId", cluster.clusterId().get(3, TimeUnit.SECONDS))
                .withDetail("nodes", nodes)
                .withDetail("embedded", backbone.isEmbedded());
    }
}

package org.onegrid.backbone;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Producer settings for the service's small writes a person waits on (audit events, reviewer decisions): every write
 * acknowledged by all in-sync replicas, never written twice by a retry, and an answer within seconds rather than the
 * client's two minutes.
 */
public final class AcknowledgedWrites {

    private AcknowledgedWrites() {}

    /**
     * @param clientConfig the backbone's client settings (bootstrap servers, security)
     * @param clientId the producer's client id, as it shows in the broker's logs and metrics
     */
    public static Map<String, Object> producerConfig(Map<String, Object> clientConfig, String clientId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return config;
    }
}

/**
 * The Kafka backbone: where the cluster is (or the embedded broker), the topic contract (every topic's name,
 * cleanup policy and value schema in one registry), the Avro framing on the wire, and the broker's health.
 *
 * <p>Every other package reaches Kafka through {@link org.onegrid.backbone.KafkaBackbone} and names topics through
 * {@link org.onegrid.backbone.Topics}, never with string literals. Depends on {@code config}, {@code embedded} (to
 * start the local broker when no cluster is configured) and the generated schema classes.
 */
package org.onegrid.backbone;

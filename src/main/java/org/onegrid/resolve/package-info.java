/**
 * Identity resolution as a Kafka Streams application: standardized source records in, the golden table,
 * links and conflicts out.
 *
 * <p>{@link org.onegrid.resolve.ResolverTopology#build} is the one place the topology is defined; the service and
 * the tests both call it. Records are routed by shard key (birth date by default) so each person's records meet in
 * one partition, retracted from their old shard when the key changes, and resolved there by the pure core in
 * {@code cluster} (clustering, survivorship) with the matcher in {@code match}, on state kept in Streams' stores
 * and changelogs. Depends on {@code backbone} for topics and serdes.
 */
package org.onegrid.resolve;

/**
 * Identity resolution as a Kafka Streams application: standardized source records and reviewers' decisions in, the
 * golden table, links and conflicts out.
 *
 * <p>{@link org.onegrid.resolve.ResolverTopology#build} is the one place the topology is defined; the service and
 * the tests both call it. Records are routed by shard key (birth date by default) so each person's records meet in
 * one partition, retracted from their old shard when the key changes, and resolved there by the pure core in
 * {@code cluster} (clustering, survivorship) with the matcher in {@code match}, on state kept in Streams' stores
 * and changelogs. Reviewer decisions follow the records they name to their shard; a cross-shard sweep asks about
 * records the shard key kept apart and never merges them itself. Depends on {@code backbone} for topics and serdes,
 * {@code config} for its settings.
 */
package org.onegrid.resolve;

/**
 * Resolution core: incremental clustering of source records into persons with stable ids, and the
 * golden record of each person by survivorship.
 *
 * <p>{@link org.onegrid.resolve.cluster.ClusterResolver} takes one source record (or one reviewer
 * decision) at a time and returns what to publish: golden records, links and conflicts. It keeps
 * all of its state in a {@link org.onegrid.resolve.cluster.ClusterStore}, a handful of key/value
 * tables that the Kafka Streams processor backs with its state stores; it never scans a whole table.
 *
 * <p>Depends only on the JDK, the generated Avro classes ({@code org.onegrid.schema}) and the
 * matcher's contract ({@code org.onegrid.resolve.match}). No Kafka, no Spring, no I/O.
 */
package org.onegrid.resolve.cluster;

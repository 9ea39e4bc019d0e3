/**
 * Publishing the golden table to its subscribers: one Kafka Streams application that cuts every golden record into
 * each subscriber's view ({@code onegrid.view.<subscriber>}, retracting with a tombstone whoever leaves a scope), and
 * keeps the golden table queryable for the query API, indexed by region.
 *
 * <p>{@link org.onegrid.publish.ViewTopology#build} is the one place the topology is defined; the service and the
 * tests both call it. It never decides what a subscriber may see: {@code security}'s
 * {@link org.onegrid.security.Subscriber#view} does. Depends on {@code backbone}, {@code config}, {@code security}
 * and the generated schema classes. Never logs a field value.
 */
package org.onegrid.publish;

/**
 * Tiered authorization: who may read what of the golden table. Subscribers are data (one file each in
 * {@code subscribers/}): an identity (a Kafka principal, an API key, a JWT subject), a region scope in the grid
 * hierarchy, and a field policy (show, mask or drop per field and attribute group).
 *
 * <p>{@link org.onegrid.security.Subscriber#view} is the one place a golden record is cut to what a subscriber may
 * see; the Kafka views ({@code publish}) and the query API ({@code api}) both call it, so they can never disagree.
 * {@link org.onegrid.security.KafkaAcls} says which ACLs make the same rules hold on the broker.
 *
 * <p>Depends on {@code config} (problem reports), {@code backbone} (view topic names, the admin client),
 * {@code connector} (secret references), {@code mapping} and {@code standardize} (the grid register), Kafka's admin
 * and ACL types and the generated schema classes. Never logs a field value or a secret;
 * an API key is kept only as its hash.
 */
package org.onegrid.security;

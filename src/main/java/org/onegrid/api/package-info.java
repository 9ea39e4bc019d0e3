/**
 * The query API: one grid's table, one person by id, a search by name or by ID number, for subscribers that cannot
 * consume Kafka. Callers authenticate with an API key ({@code X-API-Key}) or a bearer token; every answer is the
 * caller's {@link org.onegrid.security.Subscriber#view} of the golden table, exactly as its view topic carries it,
 * and every read, allowed or refused, is written to the audit log ({@code onegrid.audit}) before it is answered.
 *
 * <p>Depends on {@code security} (who the caller is, what it may see), {@code publish} (the query table and JSON
 * rendering), {@code backbone}, {@code config} and {@code standardize} (name folding, ID numbers). Never logs or
 * audits a field value or a search term.
 */
package org.onegrid.api;

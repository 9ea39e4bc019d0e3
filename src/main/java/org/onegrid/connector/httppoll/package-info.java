/**
 * The {@code http-poll} connector type: a department's REST/JSON API read page by page, incrementally, by a cursor
 * kept in {@code var/connectors/<connector>/cursor.json} (an updated-since timestamp, or the API's own page token).
 * Each page becomes one {@code IngestBatch}; the cursor moves past a page only after Kafka acknowledged its records.
 * Route template: {@code routes/http-poll.yaml}.
 *
 * <p>Depends on {@code org.onegrid.connector}, the JDK's HTTP client, Jackson and the generated schema classes. Never
 * logs a record, a page token's content or the token of the auth header; logs name the connector, counts and
 * statuses.
 */
package org.onegrid.connector.httppoll;

/**
 * The {@code jdbc-poll} connector type: a department database that does not allow change data capture (Oracle, DM,
 * Kingbase behind strict DBAs) read by any JDBC driver on the class path, in batches ordered by an {@code updated_at}
 * column (or an increasing key) with a tie-breaker, from a cursor kept in {@code var/connectors/<connector>/cursor.json}.
 * The cursor moves past a batch only after Kafka acknowledged its records. Route template: {@code routes/jdbc-poll.yaml}.
 *
 * <p>Depends on {@code org.onegrid.connector}, JDBC, Jackson and the generated schema classes. Only reads (the
 * connection is read-only); never logs a column value or the password.
 */
package org.onegrid.connector.jdbcpoll;

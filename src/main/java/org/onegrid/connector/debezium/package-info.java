/**
 * The change-data-capture connector types {@code debezium-postgres}, {@code debezium-mariadb} and
 * {@code debezium-mysql}: Debezium's embedded engine reads a department database's snapshot and then its change log
 * (PostgreSQL logical decoding with pgoutput, the MariaDB/MySQL row binlog), and every change becomes one
 * {@code RawRecord} on {@code onegrid.raw.<connector>}.
 *
 * <p>The engine is bridged into Camel by the {@code onegrid-debezium} component: its consumer runs the engine, turns
 * each engine batch into one {@code IngestBatch} and sends it through the connector's route (templates
 * {@code routes/debezium-*.yaml}), which ends in the raw sink. Offsets are marked processed only after the route
 * returned, i.e. after Kafka acknowledged the batch; an exchange that fails marks nothing and the engine restarts
 * from the last committed offset.
 *
 * <p>Depends on {@code org.onegrid.connector}, Debezium, Camel and the generated schema classes. Never logs a column
 * value or a password; progress logs carry counts only.
 */
package org.onegrid.connector.debezium;

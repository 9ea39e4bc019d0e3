/**
 * How connectors run: the raw sink (the idempotent producer every route ends in), status and metrics, the
 * Actuator endpoint, and start-up (catalog, connectivity, topics, one route per connector from its type's template).
 * Public only for the Spring and Camel wiring; other packages use {@code org.onegrid.connector}.
 */
package org.onegrid.connector.internal;

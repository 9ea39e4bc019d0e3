/**
 * Wires the mapping stage into the service: the check of every connector file's {@code mapping:} block, the mapping
 * Streams application built from the connector catalog, and its health. The only part of mapping that knows Spring
 * and the connector catalog; the mapping itself stays free of both.
 */
package org.onegrid.mapping.wiring;

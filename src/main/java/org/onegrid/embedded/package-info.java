/**
 * What runs inside the service when nothing external is configured: the single-node Kafka broker, and (later)
 * the sandbox department systems seeded with a generated population.
 *
 * <p>Nothing else in the pipeline may know whether the broker is embedded: other packages see only bootstrap
 * servers. May depend on Kafka's server classes and the JDK; never on the pipeline packages.
 */
package org.onegrid.embedded;

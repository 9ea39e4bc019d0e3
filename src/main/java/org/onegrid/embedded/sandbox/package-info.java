/**
 * The sandbox department systems the service runs on its embedded defaults: civil affairs in a real PostgreSQL
 * (logical decoding on), public security in a real MariaDB (ROW binlog), health as a real HTTP JSON API, party
 * building as a drop folder of GBK CSV exports. Each is seeded once from the generated population and reached by
 * OneGrid only through an ordinary connector file in {@code connectors/}, exactly as a real department would be.
 *
 * <p>Never started when {@code onegrid.sandbox.enabled} is false (production). Depends on the population generator
 * and the database binaries' Maven artifacts; nothing in the pipeline depends on it.
 */
package org.onegrid.embedded.sandbox;

/**
 * The operations console's server side: what the pages in {@code static/console/} read and do. A feed over the
 * pipeline's topics ({@link org.onegrid.console.ConsoleFeed}) keeps the open work list and the latest rejected records
 * and tells open pages about golden changes; {@link org.onegrid.console.ConsoleController} answers the pages under
 * {@code /api/console}, behind the query API's authentication and with the same scope and field policy
 * ({@link org.onegrid.security.Subscriber#view}). Depends on {@code api}, {@code publish}, {@code connector},
 * {@code backbone} and {@code security}; nothing depends on it.
 */
package org.onegrid.console;

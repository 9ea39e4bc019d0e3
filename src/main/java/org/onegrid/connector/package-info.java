/**
 * Department connectors: the files in {@code connectors/} (one per department system), their validation, and the
 * Camel routes that bring what each system holds onto its raw topic {@code onegrid.raw.<connector>}, as it arrived.
 *
 * <p>Public here: the definition a file binds to ({@link org.onegrid.connector.ConnectorDefinition}), the catalog
 * of all of them, the extension point for a new kind of source ({@link org.onegrid.connector.ConnectorType}), the
 * hook by which other packages check their part of a file ({@link org.onegrid.connector.DefinitionCheck}, e.g. the
 * {@code mapping:} block), and connector status. {@code internal} holds the raw sink, status bookkeeping and route
 * start-up; each connector type lives in its own sub-package ({@code filedrop}, {@code httppoll}, {@code jdbcpoll}).
 * Polling types keep their position in a {@link org.onegrid.connector.CursorFile}.
 *
 * <p>Depends on {@code config}, {@code backbone} (topics, serde, client settings), Camel and the generated schema
 * classes. Never interprets the data it carries, and never logs a field value.
 */
package org.onegrid.connector;

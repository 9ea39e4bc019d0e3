/**
 * The {@code file-drop} connector type: departments drop exports (CSV in UTF-8 or GBK, XLSX) into a watched folder;
 * each data row becomes one SNAPSHOT record on the connector's raw topic, and the file moves to {@code done/} or
 * {@code failed/} once Kafka acknowledged everything it produced. Route template: {@code routes/file-drop.yaml}.
 *
 * <p>Reads bytes and text, never interprets a value (an Excel date stays its serial number: mapping standardizes).
 */
package org.onegrid.connector.filedrop;

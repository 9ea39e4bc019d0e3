/**
 * Standardizers: pure functions that turn what a department stated (an ID number, a name, a
 * phone field, a date, a gender or ethnicity code, an address) into the one form of the shared
 * schema, and say precisely why when they cannot.
 *
 * <p>This package depends on nothing but the JDK and the Avro-generated classes in
 * {@code org.onegrid.schema}. Its reference tables (traditional to simplified characters,
 * character readings in pinyin) are read lazily from dictionary files on the classpath,
 * carried by the {@code opencc4j} and {@code pinyin4j} artifacts; no code of those libraries is
 * used. Nothing here does I/O beyond that, keeps mutable state, or reads the clock: callers pass
 * "today" where it matters.
 *
 * <p>Failures are one unchecked type, {@link org.onegrid.standardize.StandardizeException}, with
 * a stable reason code. Messages never contain the personal data being standardized, because
 * they end up in logs and on the rejected topic's headers.
 */
package org.onegrid.standardize;

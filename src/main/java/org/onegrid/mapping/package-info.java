/**
 * Mapping and standardization: every raw record of a department becomes a standardized
 * {@link org.onegrid.schema.SourcePerson} on {@code onegrid.person.source}, or a
 * {@link org.onegrid.schema.RejectedRecord} with a stable reason code on {@code onegrid.rejected}.
 *
 * <p>A connector file's {@code mapping:} block is read into a validated {@link org.onegrid.mapping.MappingDefinition}
 * (docs/mapping.md describes every key); a {@link org.onegrid.mapping.Mapper} applies it to one raw record with the
 * standardizers; {@link org.onegrid.mapping.MappingTopology} is the Kafka Streams stage that does it for every raw
 * topic, and {@link org.onegrid.mapping.MappingStage} runs it. {@link org.onegrid.mapping.MappingReplay} re-runs the
 * mapping from the raw topics after a mapping fix.
 *
 * <p>Depends on {@code standardize} (all value clean-up is theirs, never re-done here), {@code backbone} (topic names
 * and serdes), {@code config} (problem reports), the generated schema classes, Jackson and Kafka Streams. Nothing
 * here logs or echoes personal data: messages name fields and reasons, never values.
 */
package org.onegrid.mapping;

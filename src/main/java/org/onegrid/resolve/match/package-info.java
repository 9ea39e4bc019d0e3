/**
 * Pairwise matching of standardized source records: decides whether two {@code SourcePerson}
 * records are the same resident, and says why.
 *
 * <ul>
 *   <li>{@link org.onegrid.resolve.match.Matcher} / {@link org.onegrid.resolve.match.ScoringMatcher}:
 *       the ID-number rules, then a Fellegi–Sunter style weighted score, tuned by
 *       {@link org.onegrid.resolve.match.MatchConfig}.</li>
 *   <li>{@link org.onegrid.resolve.match.BlockingKeys}: which records are worth comparing at all.</li>
 *   <li>{@link org.onegrid.resolve.match.ShardKey}: which partition a record is resolved in.</li>
 * </ul>
 *
 * <p>Pure code: depends on the JDK and the Avro classes generated from {@code schemas/} only.
 * No I/O, no state, no Spring, no Kafka. Inputs are already standardized upstream (simplified
 * names, pinyin keys, validated ID numbers); this package never re-standardizes them.
 * Rules, weights and figures: {@code docs/matching.md}.
 */
package org.onegrid.resolve.match;

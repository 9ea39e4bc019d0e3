package org.onegrid.resolve.match;

import java.time.LocalDate;
import org.onegrid.schema.SourcePerson;

/**
 * The resolver's partition key: the birth date, which keeps all records of one person in one
 * shard, where fuzzy matching only meets the few people born that day.
 *
 * <p>The date encoded in a valid (or lifted) ID number wins, because the check character vouches
 * for it; else the stated birth date; else the constant {@link #UNKNOWN} shard, which gathers the
 * records without any date (few, and compared with each other only). A record whose shard key
 * changes must be retracted from its old shard by the caller. A birth date mistyped in one
 * department puts that record in another shard: the cross-shard sweep finds it, not this key.
 * It must never depend on anything but the record itself, or a replay would re-shard differently.
 */
public final class ShardKey {

    /** The shard of records with no birth date at all. */
    public static final String UNKNOWN = "unknown";

    private ShardKey() {
    }

    /** The ISO date (yyyy-MM-dd) the record is sharded by, or {@link #UNKNOWN}. */
    public static String of(SourcePerson person) {
        LocalDate date = PersonFacts.birthDate(person);
        return date == null ? UNKNOWN : date.toString();
    }
}

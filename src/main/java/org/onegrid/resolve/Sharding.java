package org.onegrid.resolve;

import java.util.function.Function;
import org.onegrid.resolve.match.ShardKey;
import org.onegrid.schema.SourcePerson;

/**
 * How source records are spread over the resolver's partitions. Records that can be one person must share a
 * shard, since matching happens only inside one.
 */
public enum Sharding {

    /** By birth date (from a valid ID number, else the stated date): about 14 people a day in a city of a million. */
    BIRTH_DATE(ShardKey::of),
    /** Everything in one shard: small deployments, or data whose birth dates cannot be trusted. */
    SINGLE(person -> "all");

    private final Function<SourcePerson, String> key;

    Sharding(Function<SourcePerson, String> key) {
        this.key = key;
    }

    public String keyOf(SourcePerson person) {
        return key.apply(person);
    }
}

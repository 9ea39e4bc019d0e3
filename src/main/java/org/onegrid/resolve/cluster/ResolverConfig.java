package org.onegrid.resolve.cluster;

import java.util.Objects;
import java.util.function.Function;
import org.onegrid.resolve.match.ShardKey;
import org.onegrid.schema.SourcePerson;

/**
 * Configuration of the resolver core.
 *
 * @param survivorship which source wins each field of the golden record
 * @param idScope the record's shard key: mixed into the hash of a new person id together with the creating record's
 *        ref, so that a record that moves to another shard and creates a person there cannot produce an id its old
 *        shard still uses; and records of different scopes are never candidates of each other
 */
public record ResolverConfig(Survivorship survivorship, Function<SourcePerson, String> idScope) {

    public ResolverConfig {
        Objects.requireNonNull(survivorship, "survivorship");
        Objects.requireNonNull(idScope, "idScope");
    }

    /** The default: sharded by birth date, {@link ShardKey#of}. */
    public static ResolverConfig of(Survivorship survivorship) {
        return new ResolverConfig(survivorship, ShardKey::of);
    }
}

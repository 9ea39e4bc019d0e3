package org.onegrid.resolve.cluster;

import java.util.Objects;
import java.util.function.Function;
import org.onegrid.schema.IdStatus;
import org.onegrid.schema.SourcePerson;

/**
 * Configuration of the resolver core.
 *
 * @param survivorship which source wins each field of the golden record
 * @param idScope the text mixed into the hash of a new person id together with the creating
 *        record's ref; must be the record's shard key, so that a record that moves to another shard
 *        and creates a person there cannot produce an id its old shard still uses
 */
public record ResolverConfig(Survivorship survivorship, Function<SourcePerson, String> idScope) {

    public ResolverConfig {
        Objects.requireNonNull(survivorship, "survivorship");
        Objects.requireNonNull(idScope, "idScope");
    }

    public static ResolverConfig of(Survivorship survivorship) {
        return new ResolverConfig(survivorship, ResolverConfig::birthDateShardKey);
    }

    /**
     * The default shard key: the birth date encoded in a valid (or lifted) ID number, else the stated
     * birth date, else empty.
     */
    public static String birthDateShardKey(SourcePerson record) {
        String id = record.getIdNumber();
        if (id != null && id.length() == 18
                && (record.getIdStatus() == IdStatus.VALID || record.getIdStatus() == IdStatus.LIFTED)) {
            return id.substring(6, 14);
        }
        return record.getBirthDate() == null ? "" : record.getBirthDate().toString().replace("-", "");
    }
}

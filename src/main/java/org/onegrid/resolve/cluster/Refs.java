package org.onegrid.resolve.cluster;

import org.onegrid.schema.Provenance;
import org.onegrid.schema.SourcePerson;

/** Keys of source records ("refs") and of record pairs, as used in the {@link ClusterStore}. */
public final class Refs {

    private Refs() {
    }

    /** The record's ref: {@code connector/sourceKey}, the key of topic onegrid.person.source. */
    public static String of(SourcePerson record) {
        return of(record.getConnector(), record.getSourceKey());
    }

    public static String of(String connector, String sourceKey) {
        return connector + "/" + sourceKey;
    }

    /** The key of an unordered pair of refs: the two refs sorted, separated by a NUL character. */
    public static String pair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + '\u0000' + b : b + '\u0000' + a;
    }

    static Provenance provenance(SourcePerson record) {
        return new Provenance(record.getConnector(), record.getSourceKey(), record.getSourceTime(), null);
    }
}

package org.onegrid.resolve.cluster;

import java.util.List;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.SourcePerson;

/**
 * The resolver's state for one shard, as a few key/value tables. Keys are strings; a record's key
 * ("ref") is {@code connector + "/" + sourceKey}. Values are Avro records, strings, string lists or
 * {@link PersonState} (which has its own byte codec). The resolver looks everything up by key and
 * never iterates a table, so any key/value store will do.
 */
public interface ClusterStore {

    /** ref → the latest version of the source record (deleted records are removed). */
    StoreTable<SourcePerson> records();

    /** ref → id of the active person the record belongs to. */
    StoreTable<String> memberships();

    /** person id → its state (status, members, open conflicts); kept for merged and retired ids too. */
    StoreTable<PersonState> persons();

    /** person id → the golden record last published for it. */
    StoreTable<GoldenPerson> goldens();

    /** conflict id → the open conflict last published under it; removed when withdrawn or resolved. */
    StoreTable<Conflict> conflicts();

    /** blocking key → refs of the records that have that key, sorted. */
    StoreTable<List<String>> blocks();

    /** pair key of two refs (see {@link Refs#pair}) → a reviewer's decision, {@code SAME} or {@code DIFFERENT}. */
    StoreTable<String> decisions();

    /** counter name → value, as decimal text: the creation sequence and per-record id counters. */
    StoreTable<String> counters();
}

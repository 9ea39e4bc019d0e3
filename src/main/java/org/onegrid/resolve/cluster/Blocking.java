package org.onegrid.resolve.cluster;

import java.util.Set;
import org.onegrid.schema.SourcePerson;

/**
 * The blocking keys of a record: two records are compared only when they share one. Satisfied by
 * the matcher's blocking function, e.g. {@code BlockingKeys::of}. Must be pure and deterministic.
 */
@FunctionalInterface
public interface Blocking {

    Set<String> keysOf(SourcePerson record);
}

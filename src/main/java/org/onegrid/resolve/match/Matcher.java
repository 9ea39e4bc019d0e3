package org.onegrid.resolve.match;

import org.onegrid.schema.SourcePerson;

/** Compares two standardized source records. Pure: no I/O, no state, safe to share between threads. */
public interface Matcher {

    MatchVerdict compare(SourcePerson a, SourcePerson b);
}

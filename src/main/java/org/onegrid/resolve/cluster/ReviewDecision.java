package org.onegrid.resolve.cluster;

/** What a reviewer said about two persons. */
public enum ReviewDecision {
    /** One person: merge them, and keep their records together from now on. */
    SAME,
    /** Two people: never merge their records, whatever the matcher says. */
    DIFFERENT
}

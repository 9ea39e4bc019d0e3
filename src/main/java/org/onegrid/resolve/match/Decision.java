package org.onegrid.resolve.match;

/** What the matcher concludes about two source records. */
public enum Decision {
    /** The same person: merge automatically. */
    MATCH,
    /** Possibly the same person: scored between the review and match thresholds; ask a person. */
    REVIEW,
    /** Not shown to be the same person. */
    NON_MATCH,
    /** Never the same person, whatever the score (two different valid ID numbers; a reviewer said so). */
    NEVER
}

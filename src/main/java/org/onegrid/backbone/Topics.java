package org.onegrid.backbone;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.onegrid.schema.AuditEvent;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonLink;
import org.onegrid.schema.PersonView;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.ReviewerDecision;
import org.onegrid.schema.SourcePerson;

/**
 * The topic contract: every topic of the pipeline, in one place. docs/topics.md documents the same list for
 * consumers; a test keeps the two in step.
 *
 * <p>Keys are UTF-8 strings. Every topic except {@code onegrid.rejected} is compacted: the latest value of each key is
 * what a replay or a new subscriber needs, and raw topics stay replayable without re-snapshotting a department.
 */
public final class Topics {

    /** Standardized source persons; key = connector/sourceKey. */
    public static final TopicSpec SOURCE = compacted("onegrid.person.source", SourcePerson.class);
    /** The golden table; key = person id. */
    public static final TopicSpec GOLDEN = compacted("onegrid.person.golden", GoldenPerson.class);
    /** Source record to person; key = connector/sourceKey. */
    public static final TopicSpec LINKS = compacted("onegrid.person.links", PersonLink.class);
    /** What people should verify once; key = conflict id. */
    public static final TopicSpec CONFLICTS = compacted("onegrid.person.conflicts", Conflict.class);
    /** Reviewers' answers (the operations console writes them); key = decision id. Kept for good: a replay needs them. */
    public static final TopicSpec REVIEW_DECISIONS = compacted("onegrid.review.decisions", ReviewerDecision.class);

    private static final String RAW_PREFIX = "onegrid.raw.";
    private static final String VIEW_PREFIX = "onegrid.view.";
    private static final Pattern CONNECTOR_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Topics() {}

    /** Rejected input, kept for {@code retention}; key = connector/sourceKey when known. */
    public static TopicSpec rejected(Duration retention) {
        return new TopicSpec("onegrid.rejected", false,
                Map.of("retention.ms", String.valueOf(retention.toMillis())), RejectedRecord.class);
    }

    /** What arrived from one connector, as it arrived; key = source key. */
    public static TopicSpec raw(String connectorId) {
        if (!CONNECTOR_ID.matcher(connectorId).matches()) {
            throw new IllegalArgumentException("connector id must be lower-case letters, digits and dashes, at most 63");
        }
        return compacted(RAW_PREFIX + connectorId, RawRecord.class);
    }

    /**
     * One subscriber's view of the golden table: its region scope, its field policy; key = person id, a tombstone
     * retracts a person who left the scope. Avro {@code PersonView} values, or the same record as UTF-8 JSON text when
     * {@code json} (then {@link TopicSpec#valueType()} is null).
     */
    public static TopicSpec view(String subscriberId, boolean json) {
        if (!CONNECTOR_ID.matcher(subscriberId).matches()) {
            throw new IllegalArgumentException("subscriber id must be lower-case letters, digits and dashes, at most 63");
        }
        return new TopicSpec(VIEW_PREFIX + subscriberId, true, Map.of("min.compaction.lag.ms", "60000"),
                json ? null : PersonView.class);
    }

    /** Who read what through the query API, append-only and kept for {@code retention}; key = subscriber id. */
    public static TopicSpec audit(Duration retention) {
        return new TopicSpec("onegrid.audit", false, Map.of("retention.ms", String.valueOf(retention.toMillis())),
                AuditEvent.class);
    }

    /** The topics every deployment has, whatever its connectors and subscribers. */
    public static List<TopicSpec> pipeline(Duration rejectedRetention) {
        return List.of(SOURCE, GOLDEN, LINKS, CONFLICTS, REVIEW_DECISIONS, rejected(rejectedRetention));
    }

    private static TopicSpec compacted(String name, Class<? extends org.apache.avro.specific.SpecificRecord> type) {
        return new TopicSpec(name, true, Map.of("min.compaction.lag.ms", "60000"), type);
    }
}

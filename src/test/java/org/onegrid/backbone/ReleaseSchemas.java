package org.onegrid.backbone;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
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
 * Freezes the current schemas as a released version: one self-contained file per top-level record under
 * {@code schemas/released/<version>/}. Run once per release (docs/topics.md says how); never edit the output.
 */
public final class ReleaseSchemas {

    /** Every record that is the value of a topic. */
    static final List<Schema> TOPIC_VALUES = List.of(RawRecord.getClassSchema(), SourcePerson.getClassSchema(),
            GoldenPerson.getClassSchema(), PersonLink.getClassSchema(), Conflict.getClassSchema(),
            RejectedRecord.getClassSchema(), ReviewerDecision.getClassSchema(), PersonView.getClassSchema(),
            AuditEvent.getClassSchema());

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !args[0].matches("v\\d+")) {
            throw new IllegalArgumentException("usage: ReleaseSchemas v<N>  (the next version number)");
        }
        Path dir = Path.of("schemas", "released", args[0]);
        if (Files.exists(dir)) {
            throw new IllegalStateException(dir + " exists: released versions are frozen");
        }
        Files.createDirectories(dir);
        for (Schema schema : TOPIC_VALUES) {
            Files.writeString(dir.resolve(schema.getName() + ".avsc"), schema.toString(true) + "\n", StandardCharsets.UTF_8);
        }
        System.out.println("Released " + TOPIC_VALUES.size() + " schemas as " + dir);
    }
}

package org.onegrid.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

/** schemas/ is the contract: documented, and able to read everything a released version wrote. */
class SchemaContractTest {

    @Test
    void currentSchemasReadEveryReleasedVersion() {
        assertThat(ReleasedSchemas.all()).isNotEmpty();
        List<String> incompatible = new ArrayList<>();
        for (Schema current : ReleaseSchemas.TOPIC_VALUES) {
            for (Schema released : ReleasedSchemas.versionsOf(current.getFullName())) {
                var result = SchemaCompatibility.checkReaderWriterCompatibility(current, released).getResult();
                if (result.getCompatibility() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                    incompatible.add(current.getFullName() + ": " + result.getIncompatibilities());
                }
            }
        }
        assertThat(incompatible).isEmpty();
    }

    @Test
    void everyTopicValueHasBeenReleased() {
        for (Schema current : ReleaseSchemas.TOPIC_VALUES) {
            assertThat(ReleasedSchemas.versionsOf(current.getFullName())).as(current.getFullName()).isNotEmpty();
        }
    }

    @Test
    void everyRecordEnumAndFieldHasADoc() {
        List<String> undocumented = new ArrayList<>();
        for (Schema schema : ReleaseSchemas.TOPIC_VALUES) {
            collectUndocumented(schema, undocumented, new ArrayList<>());
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void topicsPageListsEveryTopicOfTheContract() throws IOException {
        String page = Files.readString(Path.of("docs/topics.md"));
        Stream.concat(Topics.pipeline(Duration.ofDays(1)).stream().map(TopicSpec::name), Stream.of("onegrid.raw.<connector>",
                        "onegrid.view.<subscriber>", Topics.audit(Duration.ofDays(1)).name()))
                .forEach(name -> assertThat(page).as("docs/topics.md mentions " + name).contains("`" + name + "`"));
    }

    private static void collectUndocumented(Schema schema, List<String> undocumented, List<String> seen) {
        switch (schema.getType()) {
            case UNION -> schema.getTypes().forEach(s -> collectUndocumented(s, undocumented, seen));
            case ARRAY -> collectUndocumented(schema.getElementType(), undocumented, seen);
            case MAP -> collectUndocumented(schema.getValueType(), undocumented, seen);
            case RECORD, ENUM -> {
                if (seen.contains(schema.getFullName())) {
                    return;
                }
                seen.add(schema.getFullName());
                if (schema.getDoc() == null || schema.getDoc().isBlank()) {
                    undocumented.add(schema.getFullName());
                }
                if (schema.getType() == Schema.Type.RECORD) {
                    for (Schema.Field field : schema.getFields()) {
                        if (field.doc() == null || field.doc().isBlank()) {
                            undocumented.add(schema.getFullName() + "." + field.name());
                        }
                        collectUndocumented(field.schema(), undocumented, seen);
                    }
                }
            }
            default -> { }
        }
    }
}

package org.onegrid.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.onegrid.standardize.StandardizeException;

/** The docs list every reason code, flag, key and transform the code knows: a consumer switches on them. */
class MappingDocsTest {

    @Test
    void topicsPageListsEveryMappingReasonCode() throws IOException {
        String page = Files.readString(Path.of("docs/topics.md"));
        for (RejectReason reason : RejectReason.values()) {
            assertThat(page).as("docs/topics.md lists " + reason).contains("`" + reason.name() + "`");
        }
        for (StandardizeException.Reason reason : StandardizeException.Reason.values()) {
            if (reason != StandardizeException.Reason.ID_MISSING) { // a missing required ID is MAPPING_MISSING_FIELD
                assertThat(page).as("docs/topics.md lists " + reason).contains("`" + reason.name() + "`");
            }
        }
    }

    @Test
    void mappingPageListsEveryFlagKeyAndTransform() throws IOException {
        String page = Files.readString(Path.of("docs/mapping.md"));
        for (Flag flag : Flag.values()) {
            assertThat(page).as("docs/mapping.md lists flag " + flag).contains("`" + flag.code() + "`");
        }
        for (String key : SharedField.keys()) {
            assertThat(page).as("docs/mapping.md lists key " + key).contains("| `" + key + "` |");
        }
        for (String key : new String[] {"attributes", "deleted", "require", "from", "value", "default", "join",
            "transforms", "codes", "format", "twoDigitYears", "split", "areaCode", "type", "group", "equals",
            DefinitionParser.PARTS}) {
            assertThat(page).as("docs/mapping.md lists key " + key).contains("| `" + key + "` |");
        }
        for (String part : DefinitionParser.ADDRESS_PARTS) {
            assertThat(page).as("docs/mapping.md lists address part " + part).contains("`" + part + "`");
        }
        for (String transform : Transform.SIMPLE.keySet()) {
            assertThat(page).as("docs/mapping.md lists transform " + transform).contains("`" + transform + "`");
        }
        for (String transform : Transform.WITH_ARGUMENT) {
            assertThat(page).as("docs/mapping.md lists transform " + transform).contains("{ " + transform + ":");
        }
    }
}

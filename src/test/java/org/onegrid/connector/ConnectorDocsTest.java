package org.onegrid.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.onegrid.connector.filedrop.FileDropSource;
import org.onegrid.connector.debezium.DebeziumType;
import org.onegrid.connector.filedrop.FileDropType;
import org.onegrid.connector.httppoll.HttpPollType;
import org.onegrid.connector.jdbcpoll.JdbcPollType;

/** docs/connectors.md documents every key a connector file may have, and every type. */
class ConnectorDocsTest {

    private static final List<ConnectorType> BUILT = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(new FileDropType(), new HttpPollType(), new JdbcPollType()), DebeziumType.all().stream()).toList();

    @Test
    void everyKeyOfEveryConnectorIsDocumented() throws IOException {
        String page = Files.readString(Path.of("docs/connectors.md"));
        for (DefinitionKey key : ConnectorDefinition.KEYS) {
            assertThat(page).as("docs/connectors.md documents " + key.name()).contains("| `" + key.name() + "` |");
            assertThat(key.description()).as("description of " + key.name()).isNotBlank();
        }
        for (ConnectorType type : BUILT) {
            for (DefinitionKey key : type.sourceKeys()) {
                assertThat(page).as("docs/connectors.md documents source." + key.name() + " of " + type.name())
                        .contains("| `source." + key.name() + "` |");
                assertThat(key.description()).as("description of source." + key.name()).isNotBlank();
            }
        }
        for (String type : ConnectorType.KNOWN) {
            assertThat(page).as("docs/connectors.md has a section on " + type).containsPattern("## .*`" + type + "`");
        }
    }

    @Test
    void theDeclaredKeysAreWhatTheDefinitionRecordsHold() {
        assertThat(ConnectorDefinition.KEYS).extracting(DefinitionKey::name)
                .containsExactlyElementsOf(components(ConnectorDefinition.class).stream().filter(n -> !n.equals("id") && !n.equals("file")).toList());
        assertThat(new FileDropType().sourceKeys()).extracting(DefinitionKey::name).containsExactlyElementsOf(components(FileDropSource.class));
    }

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}

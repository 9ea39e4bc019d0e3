package org.onegrid.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationDocsTest {

    @Test
    void everyOneGridKeyIsDocumented() throws IOException {
        String page = Files.readString(Path.of("docs/configuration.md"));
        for (String key : UnknownKeys.knownKeys("onegrid", OneGridProperties.class)) {
            assertThat(page).as("docs/configuration.md documents " + key).contains("`" + key + "`");
        }
    }
}

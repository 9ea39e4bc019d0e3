package org.onegrid.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The register's records bind from YAML as written in docs/standardization.md. */
class GridRegisterYamlTest {

    @Test
    void bindsTheDocumentedExampleFromYaml() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        GridRegister register;
        try (InputStream in = getClass().getResourceAsStream("grid-register.yaml")) {
            register = yaml.readValue(in, GridRegister.class);
        }
        assertThat(register.city()).isEqualTo("新余市");
        assertThat(register.problems()).isEmpty();
        GridLocator locator = register.locator();
        assertThat(locator.locate(Addresses.parse("阳光花园小区三栋二单元401")).orElseThrow().getGrid())
                .isEqualTo("360502001001001");
        assertThat(locator.locate(Addresses.parse("阳光花园10-1-101")).orElseThrow().getGrid())
                .isEqualTo("360502001001002");
        assertThat(locator.locate(Addresses.parse("翠苑")).orElseThrow().getGrid()).isEqualTo("360502001001001");
    }
}

package org.onegrid.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.onegrid.config.ConfigProblem;
import org.onegrid.config.ConfigProblemsException;
import org.onegrid.standardize.GridRegister;

class GridRegisterFileTest {

    private static InputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheRegisterIntoTheStandardizersRecords() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("mapping/grid-register.yaml")) {
            GridRegister register = GridRegisterFile.read(in, "grid-register.yaml");
            assertThat(register.city()).isEqualTo("新余市");
            assertThat(register.districts().get(0).streets().get(0).communities()).hasSize(2);
            assertThat(register.districts().get(0).streets().get(0).communities().get(0).grids().get(0).estates()
                    .get(1).buildings()).isEmpty();
        }
    }

    @Test
    void refusesAnUnknownKeyNamingWhereItIs() {
        assertThatThrownBy(() -> GridRegisterFile.read(yaml("city: 新余市\ndistricts:\n  - code: \"1\"\n    name: 渝水区\n"
                + "    street: []\n"), "grid-register.yaml"))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.where()).isEqualTo("grid-register.yaml: districts[0].street");
                            assertThat(p.fix()).contains("streets");
                        }));
    }

    @Test
    void refusesAnUnsoundRegisterWithEveryProblem() {
        assertThatThrownBy(() -> GridRegisterFile.read(yaml("""
                city: 新余市
                districts:
                  - code: "1"
                    name: 渝水区
                  - code: "1"
                """), "grid-register.yaml"))
                .isInstanceOfSatisfying(ConfigProblemsException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::where)
                        .containsExactly("grid-register.yaml: districts[1].code", "grid-register.yaml: districts[1].name"));
    }

    @Test
    void refusesAMissingFile() {
        assertThatThrownBy(() -> GridRegisterFile.load(Path.of("no-such-register.yaml")))
                .isInstanceOf(ConfigProblemsException.class).hasMessageContaining("does not exist");
    }
}

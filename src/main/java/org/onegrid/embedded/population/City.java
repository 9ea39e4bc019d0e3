package org.onegrid.embedded.population;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The city's grid register: districts, streets, communities, grids and the estates (with
 * building ranges) each grid covers. Field names are those of the register YAML file.
 */
public record City(String city, List<District> districts) {

    public record District(String code, String name, List<Street> streets) {
    }

    public record Street(String code, String name, List<Community> communities) {
    }

    public record Community(String code, String name, List<Grid> grids) {
    }

    public record Grid(String code, String name, List<Estate> estates) {
    }

    /** An estate, or part of one: {@code buildings} lists numbers or ranges ("1-6"); null means the whole estate. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Estate(String name, List<String> buildings) {
    }
}

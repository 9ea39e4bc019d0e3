package org.onegrid.connector;

import java.util.ArrayList;
import java.util.List;
import org.onegrid.config.ConfigProblem;

/**
 * Collects every problem of one connector file, each placed as {@code connectors/<file>: <key>}, so that the whole
 * list can be shown at once. Messages must never carry a secret or a personal value.
 */
public final class DefinitionProblems {

    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();

    public DefinitionProblems(String file) {
        this.file = file;
    }

    /** Where a problem is: {@code connectors/<file>: <key>}. */
    public static String where(String file, String key) {
        return "connectors/" + file + (key == null || key.isEmpty() ? "" : ": " + key);
    }

    public void add(String key, String message, String fix) {
        problems.add(new ConfigProblem(where(file, key), message, fix));
    }

    public void addAll(List<ConfigProblem> more) {
        problems.addAll(more);
    }

    public String file() {
        return file;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<ConfigProblem> list() {
        return List.copyOf(problems);
    }
}

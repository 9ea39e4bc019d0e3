package org.onegrid.config;

import java.util.List;
import java.util.stream.Collectors;

/** Start-up is refused: the configuration has problems, all of them listed. */
public class ConfigProblemsException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public ConfigProblemsException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Throws when there is anything to report. */
    public static void throwIfAny(List<ConfigProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
    }

    private static String describe(List<ConfigProblem> problems) {
        return problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s") + ":\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}

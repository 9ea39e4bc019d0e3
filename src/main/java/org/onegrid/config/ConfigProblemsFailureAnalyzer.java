package org.onegrid.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused start-up into a plain list of problems and fixes instead of a stack trace. */
class ConfigProblemsFailureAnalyzer extends AbstractFailureAnalyzer<ConfigProblemsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigProblemsException cause) {
        return new FailureAnalysis(
                "OneGrid did not start: " + cause.getMessage(),
                "Correct each problem listed above (each names its key and the fix), then start again.",
                cause);
    }
}

package org.onegrid.embedded.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.onegrid.testing.RunningService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The sandbox obeys every property source, a test's own dynamic properties included: a test that turns it off gets no
 * department systems (which would otherwise take the default ports and the working directory's var/sandbox).
 */
class SandboxLauncherTest extends RunningService {

    @Autowired
    ApplicationContext context;

    @Test
    void startsNoSandboxWhenATestTurnsItOffThroughItsOwnProperties() {
        assertThat(context.getEnvironment().getProperty("onegrid.sandbox.enabled", Boolean.class)).isFalse();
        assertThat(context.containsBean(SandboxLauncher.BEAN)).isFalse();
    }
}

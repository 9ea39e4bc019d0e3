package org.onegrid.embedded.sandbox;

import org.onegrid.config.OneGridProperties;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Starts the sandbox department systems before any part of the service, so connectors find their departments
 * running exactly as real ones would be, and stops them last. Does nothing unless {@code onegrid.sandbox.enabled}.
 */
final class SandboxLauncher implements ApplicationListener<ApplicationEvent> {

    static final String BEAN = "sandbox";
    private Sandbox sandbox;

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        // Prepared, not environment-prepared: by then every property source is in place, a test's dynamic ones too.
        if (event instanceof ApplicationPreparedEvent prepared && sandbox == null) {
            OneGridProperties.Sandbox settings = Binder.get(prepared.getApplicationContext().getEnvironment())
                    .bindOrCreate("onegrid.sandbox", OneGridProperties.Sandbox.class);
            if (settings.enabled()) {
                sandbox = Sandbox.start(new SandboxSettings(settings.dir(), settings.persons(), settings.seed(),
                        settings.postgresPort(), settings.mariadbPort(), settings.healthPort()));
                prepared.getApplicationContext().getBeanFactory().registerSingleton(BEAN, sandbox);
            }
        } else if ((event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) && sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }
}

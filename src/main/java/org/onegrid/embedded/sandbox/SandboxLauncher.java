package org.onegrid.embedded.sandbox;

import org.onegrid.config.OneGridProperties;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts the sandbox department systems before any bean of the service is created, so connectors find their
 * departments running exactly as real ones would be, and stops them last: after every bean (the connectors' change
 * captures among them) has stopped, so no connector sees its department vanish while the service is shutting down.
 * Does nothing unless {@code onegrid.sandbox.enabled}. It starts once the application context is prepared, not
 * earlier, so that every property source counts, a test's own included.
 */
final class SandboxLauncher implements ApplicationListener<ApplicationEvent> {

    static final String BEAN = "sandbox";
    private Sandbox sandbox;

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationPreparedEvent prepared) {
            OneGridProperties.Sandbox settings = Binder.get(prepared.getApplicationContext().getEnvironment())
                    .bindOrCreate("onegrid.sandbox", OneGridProperties.Sandbox.class);
            if (!settings.enabled() || sandbox != null) {
                return;
            }
            sandbox = Sandbox.start(new SandboxSettings(settings.dir(), settings.persons(), settings.seed(),
                    settings.postgresPort(), settings.mariadbPort(), settings.healthPort()));
            var beans = prepared.getApplicationContext().getBeanFactory();
            beans.registerSingleton(BEAN, sandbox);
            // Registered before any other bean is created, so destroyed after all of them.
            if (beans instanceof DefaultListableBeanFactory registry) {
                registry.registerDisposableBean(BEAN, this::stop);
            }
        } else if (event instanceof ApplicationFailedEvent) {
            stop();
        }
    }

    private synchronized void stop() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }
}

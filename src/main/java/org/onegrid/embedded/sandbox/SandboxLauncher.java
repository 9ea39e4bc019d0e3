package org.onegrid.embedded.sandbox;

import org.onegrid.config.OneGridProperties;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts the sandbox department systems before any part of the service, so connectors find their departments
 * running exactly as real ones would be, and stops them last: after every bean (the connectors' change captures
 * among them) has stopped, so no connector sees its department vanish while the service is shutting down. Does
 * nothing unless {@code onegrid.sandbox.enabled}.
 */
final class SandboxLauncher implements ApplicationListener<ApplicationEvent> {

    static final String BEAN = "sandbox";
    private Sandbox sandbox;

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        // Prepared, not environment-prepared: by then every property source is in place, a test's dynamic ones too,
        // and no bean has been created yet.
        if (event instanceof ApplicationPreparedEvent prepared && sandbox == null) {
            var context = prepared.getApplicationContext();
            OneGridProperties.Sandbox settings = Binder.get(context.getEnvironment())
                    .bindOrCreate("onegrid.sandbox", OneGridProperties.Sandbox.class);
            if (!settings.enabled()) {
                return;
            }
            sandbox = Sandbox.start(new SandboxSettings(settings.dir(), settings.persons(), settings.seed(),
                    settings.postgresPort(), settings.mariadbPort(), settings.healthPort()));
            var beans = context.getBeanFactory();
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

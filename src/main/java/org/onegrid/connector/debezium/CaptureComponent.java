package org.onegrid.connector.debezium;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.onegrid.connector.ConnectorCatalog;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorException;
import org.onegrid.connector.ConnectorHeaders;
import org.onegrid.connector.IngestBatch;

/**
 * The Camel component {@code onegrid-debezium:<connector>}: a consumer endpoint whose consumer runs Debezium's
 * embedded engine for the connector and sends each engine batch through the route as an {@link IngestBatch}. It
 * exists because camel-debezium pins its own Debezium version; this one uses the service's. Starting the route
 * starts the engine, stopping it stops the engine (committing what was written). A failed exchange (the raw sink
 * could not write) fails the engine batch, which is then not committed and read again.
 */
final class CaptureComponent extends DefaultComponent {

    static final String SCHEME = "onegrid-debezium";

    private final ConnectorCatalog catalog;
    private final CaptureRegistry registry;
    private final Duration restartPause;

    CaptureComponent(ConnectorCatalog catalog, CaptureRegistry registry, Duration restartPause) {
        this.catalog = catalog;
        this.registry = registry;
        this.restartPause = restartPause;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        ConnectorDefinition definition = catalog.definition(remaining)
                .orElseThrow(() -> new ConnectorException("no connector " + remaining + " in the connectors folder"));
        Flavor flavor = java.util.Arrays.stream(Flavor.values()).filter(f -> f.typeName().equals(definition.type())).findFirst()
                .orElseThrow(() -> new ConnectorException("connector " + remaining + " is of type " + definition.type() + ", not a change-data-capture type"));
        return new CaptureEndpoint(uri, this, definition, flavor);
    }

    final class CaptureEndpoint extends DefaultEndpoint {

        private final ConnectorDefinition definition;
        private final Flavor flavor;

        CaptureEndpoint(String uri, CaptureComponent component, ConnectorDefinition definition, Flavor flavor) {
            super(uri, component);
            this.definition = definition;
            this.flavor = flavor;
        }

        @Override
        public Producer createProducer() {
            throw new UnsupportedOperationException(SCHEME + " endpoints only consume");
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            return new CaptureConsumer(this, processor);
        }

        @Override
        public boolean isRemote() {
            return true;
        }
    }

    final class CaptureConsumer extends DefaultConsumer {

        private final CaptureEndpoint endpoint;
        private ChangeCapture capture;

        CaptureConsumer(CaptureEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
            this.endpoint = endpoint;
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            ConnectorDefinition definition = endpoint.definition;
            capture = new ChangeCapture(definition, endpoint.flavor, this::send, registry.progress(definition), restartPause);
            registry.running(definition.id(), capture);
            capture.start();
        }

        private void send(IngestBatch batch) throws Exception {
            Exchange exchange = createExchange(false);
            try {
                exchange.getMessage().setHeader(ConnectorHeaders.CONNECTOR, batch.connector());
                exchange.getMessage().setBody(batch);
                getProcessor().process(exchange);
                Exception failure = exchange.getException();
                if (failure != null) {
                    throw failure;
                }
            } finally {
                releaseExchange(exchange, false);
            }
        }

        @Override
        protected void doStop() throws Exception {
            if (capture != null) {
                registry.stopped(endpoint.definition.id(), capture);
                capture.close();
                capture = null;
            }
            super.doStop();
        }
    }
}

package org.onegrid.connector.httppoll;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ServiceStatus;
import org.onegrid.connector.ConnectorCatalog;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorException;
import org.onegrid.connector.ConnectorHeaders;
import org.onegrid.connector.IngestBatch;
import org.springframework.stereotype.Component;

/**
 * The steps of the http-poll route template ({@code routes/http-poll.yaml}): {@link #fetch} reads the page after the
 * stored cursor into an {@link IngestBatch}; after the raw sink has Kafka's acknowledgement, {@link #advance} stores
 * the cursor past it. A connector whose API refused it (a 4xx) stops asking: its later polls do nothing.
 */
@Component("httpPollIngest")
public final class HttpPollIngest {

    static final String STEP = "OneGridHttpPollStep";

    private final ConnectorCatalog catalog;
    private final Map<String, HttpPoller> pollers = new ConcurrentHashMap<>();

    HttpPollIngest(ConnectorCatalog catalog) {
        this.catalog = catalog;
    }

    /** Reads the next page; the body becomes its batch, {@code OneGridMore} says whether another page follows. */
    public void fetch(Exchange exchange) {
        HttpPoller poller = poller(exchange);
        Message message = exchange.getMessage();
        exchange.removeProperty(STEP);
        if (poller.halted() != null) {
            message.setBody(IngestBatch.builder(connector(exchange).id(), "nothing: the connector stopped asking", null).build());
            message.setHeader(ConnectorHeaders.MORE, false);
            return;
        }
        HttpPoller.Step step = poller.next(() -> stopping(exchange));
        message.setBody(step.batch());
        message.setHeader(ConnectorHeaders.MORE, step.more());
        exchange.setProperty(STEP, step);
    }

    /** After Kafka acknowledged the batch: stores the cursor past the page. A page that was rejected whole fails here. */
    public void advance(Exchange exchange) {
        HttpPoller.Step step = exchange.getProperty(STEP, HttpPoller.Step.class);
        exchange.removeProperty(STEP);
        if (step == null) {
            return;
        }
        if (step.failure() != null) {
            throw new ConnectorException(step.failure());
        }
        poller(exchange).commit(step);
    }

    private HttpPoller poller(Exchange exchange) {
        ConnectorDefinition definition = connector(exchange);
        return pollers.computeIfAbsent(definition.id(), id -> new HttpPoller(definition));
    }

    private ConnectorDefinition connector(Exchange exchange) {
        String id = exchange.getMessage().getHeader(ConnectorHeaders.CONNECTOR, String.class);
        return catalog.definition(id).orElseThrow(() -> new ConnectorException("no connector " + id + " in the catalog"));
    }

    private static boolean stopping(Exchange exchange) {
        if (exchange.getContext().isStopping()) {
            return true;
        }
        ServiceStatus route = exchange.getFromRouteId() == null ? null
                : exchange.getContext().getRouteController().getRouteStatus(exchange.getFromRouteId());
        return route != null && (route.isStopping() || route.isStopped());
    }
}

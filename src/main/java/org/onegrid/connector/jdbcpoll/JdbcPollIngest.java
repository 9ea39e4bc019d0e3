package org.onegrid.connector.jdbcpoll;

import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.onegrid.connector.ConnectorCatalog;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorException;
import org.onegrid.connector.ConnectorHeaders;
import org.onegrid.connector.IngestBatch;
import org.springframework.stereotype.Component;

/**
 * The steps of the jdbc-poll route template ({@code routes/jdbc-poll.yaml}): {@link #fetch} reads the batch after
 * the stored cursor into an {@link IngestBatch}; after the raw sink has Kafka's acknowledgement, {@link #advance}
 * stores the cursor past its last row. A connector whose table lacks a configured column stops reading.
 */
@Component("jdbcPollIngest")
public final class JdbcPollIngest {

    static final String STEP = "OneGridJdbcPollStep";

    private final ConnectorCatalog catalog;
    private final Map<String, JdbcPoller> pollers = new ConcurrentHashMap<>();
    private final Map<String, String> halted = new ConcurrentHashMap<>();

    JdbcPollIngest(ConnectorCatalog catalog) {
        this.catalog = catalog;
    }

    /** Reads the next batch; the body becomes it, {@code OneGridMore} says whether another follows at once. */
    public void fetch(Exchange exchange) {
        ConnectorDefinition definition = connector(exchange);
        Message message = exchange.getMessage();
        exchange.removeProperty(STEP);
        if (halted.containsKey(definition.id())) {
            message.setBody(IngestBatch.builder(definition.id(), "nothing: the connector stopped reading", null).build());
            message.setHeader(ConnectorHeaders.MORE, false);
            return;
        }
        JdbcPoller.Step step;
        try {
            step = poller(definition).next();
        } catch (ConnectorException e) {
            if (e.isPermanent()) {
                halted.put(definition.id(), e.getMessage());
            }
            throw e;
        }
        message.setBody(step.batch());
        message.setHeader(ConnectorHeaders.MORE, step.more());
        exchange.setProperty(STEP, step);
    }

    /** After Kafka acknowledged the batch: stores the cursor past its last row. */
    public void advance(Exchange exchange) {
        JdbcPoller.Step step = exchange.getProperty(STEP, JdbcPoller.Step.class);
        exchange.removeProperty(STEP);
        if (step != null) {
            poller(connector(exchange)).commit(step);
        }
    }

    @PreDestroy
    void close() {
        pollers.values().forEach(JdbcPoller::close);
    }

    private JdbcPoller poller(ConnectorDefinition definition) {
        return pollers.computeIfAbsent(definition.id(), id -> new JdbcPoller(definition));
    }

    private ConnectorDefinition connector(Exchange exchange) {
        String id = exchange.getMessage().getHeader(ConnectorHeaders.CONNECTOR, String.class);
        return catalog.definition(id).orElseThrow(() -> new ConnectorException("no connector " + id + " in the catalog"));
    }
}

package org.onegrid.connector.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.onegrid.connector.ConnectorStatus;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/** {@code /actuator/connectors}: every connector's state and counts; {@code /actuator/connectors/<id>}: one. */
@Endpoint(id = "connectors")
public final class ConnectorsEndpoint {

    private final ConnectorStatuses statuses;

    ConnectorsEndpoint(ConnectorStatuses statuses) {
        this.statuses = statuses;
    }

    @ReadOperation
    public Map<String, ConnectorStatus> connectors() {
        Map<String, ConnectorStatus> all = new LinkedHashMap<>();
        statuses.all().forEach(s -> all.put(s.id(), s));
        return all;
    }

    @ReadOperation
    public ConnectorStatus connector(@Selector String id) {
        return statuses.of(id).orElse(null);
    }
}

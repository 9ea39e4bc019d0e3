package org.onegrid.api;

import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How the query API and the console's API answer when they cannot: {@code {"error": "..."}} with the status, and 503
 * while the golden table loads or the audit log cannot be written (a read that cannot be audited is not answered).
 */
@RestControllerAdvice
public final class ApiErrors {

    public static ResponseEntity<Object> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }

    @ExceptionHandler(InvalidStateStoreException.class)
    ResponseEntity<Object> notReady() {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "the golden table is loading; try again shortly");
    }

    @ExceptionHandler(AuditLog.Unavailable.class)
    ResponseEntity<Object> auditUnavailable() {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "the audit log cannot be written, so nothing can be read; try again shortly");
    }
}

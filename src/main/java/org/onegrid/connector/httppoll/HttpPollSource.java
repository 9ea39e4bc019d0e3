package org.onegrid.connector.httppoll;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.onegrid.connector.SecretRef;
import org.onegrid.connector.SourceSettings;

/**
 * The {@code source:} block of an http-poll connector (docs/connectors.md has every key). The token stays a reference
 * until a request is made.
 *
 * @param url the API's collection, e.g. {@code https://health.example/api/patients}, with any fixed query parameters
 * @param cursor how the connector asks for what changed
 * @param updatedField the field of each record holding when it last changed; null when none is given
 * @param sinceParam the query parameter that asks for records changed after a time
 * @param pageParam the query parameter that carries the next page's token
 * @param pageSizeParam the query parameter that asks for a page size
 * @param pageSize records asked for per page
 * @param recordsField where the records are in an answer (dots for nested fields)
 * @param nextPageField where the next page's token is in an answer (dots for nested fields)
 * @param authHeader the request header that carries the credential
 * @param authScheme what precedes the token in that header ({@code Bearer}); empty for the token alone
 * @param token the credential, or null when the API needs none
 * @param deletedField the field that marks a deleted record, or null
 * @param deletedValues the values of that field that mean deleted (compared ignoring case)
 * @param createdField the field holding when the record was created, or null
 * @param pollInterval the pause between the end of one pass over the changes and the start of the next
 * @param connectTimeout how long a connection may take
 * @param readTimeout how long an answer may take
 * @param retries how many times a failed request (connection error, timeout, 5xx, 408, 429) is repeated in one poll
 * @param backoff the pause before the first repetition; it doubles each time
 * @param maxBackoff the longest pause
 * @param overlap updated-since: how far before the stored time each pass asks again; records already written are skipped
 * @param stateDir where the cursor file is; null: {@code var/connectors/<connector>}
 */
public record HttpPollSource(
        URI url,
        CursorMode cursor,
        String updatedField,
        String sinceParam,
        String pageParam,
        String pageSizeParam,
        int pageSize,
        String recordsField,
        String nextPageField,
        String authHeader,
        String authScheme,
        SecretRef token,
        String deletedField,
        List<String> deletedValues,
        String createdField,
        Duration pollInterval,
        Duration connectTimeout,
        Duration readTimeout,
        int retries,
        Duration backoff,
        Duration maxBackoff,
        Duration overlap,
        Path stateDir) implements SourceSettings {

    public HttpPollSource {
        deletedValues = List.copyOf(deletedValues);
    }

    /** How an http-poll connector asks for what changed since it last looked. */
    public enum CursorMode {
        /** By the time of the newest record already written ({@code updatedSince=...}), paging with the API's token. */
        UPDATED_SINCE("updated-since"),
        /** By the API's page token alone: the token of the next page is the cursor. */
        PAGE_TOKEN("page-token");

        private final String text;

        CursorMode(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** The folder of the connector's cursor file. */
    public Path stateDir(String connector) {
        return stateDir != null ? stateDir : Path.of("var", "connectors", connector);
    }
}

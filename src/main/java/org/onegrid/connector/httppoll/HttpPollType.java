package org.onegrid.connector.httppoll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.onegrid.config.ConfigProblem;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorException;
import org.onegrid.connector.ConnectorType;
import org.onegrid.connector.CursorFile;
import org.onegrid.connector.DefinitionBlock;
import org.onegrid.connector.DefinitionKey;
import org.onegrid.connector.DefinitionProblems;
import org.onegrid.connector.SecretRef;
import org.onegrid.connector.SourceSettings;
import org.onegrid.connector.httppoll.HttpPollSource.CursorMode;
import org.springframework.stereotype.Component;

/**
 * The {@code http-poll} type: its source keys and their checks, the start-up check that the API answers as expected
 * (reachable, the credential accepted, records where {@code records-field} says, with the key fields), its route's
 * parameters and the notes its status shows. Resolves the token only to make a request; never prints it.
 */
@Component
public final class HttpPollType implements ConnectorType {

    public static final String NAME = "http-poll";
    /** The values of {@code deleted-field} that mean deleted when {@code deleted-values} is not given. */
    static final List<String> DELETED_VALUES = List.of("true", "1", "t", "y", "yes", "是");
    private static final Pattern FIELD = Pattern.compile("[^\\s.]+(\\.[^\\s.]+)*");
    private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i).*(password|passwd|secret|token|credential|api-?key|apikey|access_key|sign).*");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The start-up check waits at least this long for an answer: a service starting cold is slow itself. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

    static final List<DefinitionKey> KEYS = List.of(
            DefinitionKey.required("url", "the API's collection to poll, http or https, with any fixed query parameters"),
            DefinitionKey.optional("cursor", "updated-since", "how changes are asked for: updated-since (after the newest updated time "
                    + "already written, paging with the API's page token) or page-token (the API's page token alone)"),
            DefinitionKey.optional("updated-field", null, "the field of each record saying when it last changed; required with "
                    + "cursor: updated-since; also the records' source time"),
            DefinitionKey.optional("since-param", "updatedSince", "the query parameter asking for records changed after a time"),
            DefinitionKey.optional("page-param", "pageToken", "the query parameter carrying the next page's token"),
            DefinitionKey.optional("page-size-param", "pageSize", "the query parameter asking for a page size; empty: none is sent"),
            DefinitionKey.optional("page-size", "200", "records asked for per page, 1 to 10000"),
            DefinitionKey.optional("records-field", "data", "where the records are in an answer; dots for nested fields (result.items)"),
            DefinitionKey.optional("next-page-field", "nextPageToken", "where the next page's token is in an answer; dots for nested "
                    + "fields; absent, null or empty: no further page"),
            DefinitionKey.optional("auth-header", "Authorization", "the request header that carries the credential"),
            DefinitionKey.optional("auth-scheme", "Bearer", "what precedes the token in that header; empty for the token alone"),
            DefinitionKey.optional("token", null, "a secret reference to the API's credential, ${env:NAME} or ${file:/path}; absent: "
                    + "no credential is sent"),
            DefinitionKey.optional("deleted-field", null, "the field that marks a record deleted (operation DELETE); absent: "
                    + "deletions are not seen"),
            DefinitionKey.optional("deleted-values", String.join(", ", DELETED_VALUES), "the values of deleted-field that mean "
                    + "deleted, compared ignoring case"),
            DefinitionKey.optional("created-field", null, "the field saying when a record was created; a record whose created and "
                    + "updated values are equal is a CREATE, others an UPDATE"),
            DefinitionKey.optional("poll-interval", "30s", "the pause between the end of one pass over the changes and the next"),
            DefinitionKey.optional("connect-timeout", "10s", "how long opening a connection may take"),
            DefinitionKey.optional("read-timeout", "30s", "how long an answer may take"),
            DefinitionKey.optional("retries", "5", "how often a failed request (connection error, timeout, HTTP 5xx, 408, 429) is "
                    + "repeated before the poll gives up, 0 to 20; the next poll asks again"),
            DefinitionKey.optional("backoff", "1s", "the pause before the first repetition; each next one doubles"),
            DefinitionKey.optional("max-backoff", "30s", "the longest pause between repetitions"),
            DefinitionKey.optional("overlap", "1s", "cursor: updated-since only: how far before the stored time each pass asks "
                    + "again, for records stamped late or with the same time; records already written are skipped"),
            DefinitionKey.optional("state-dir", "var/connectors/<id>", "where the cursor file cursor.json is kept; deleting it makes "
                    + "the connector read everything again"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<DefinitionKey> sourceKeys() {
        return KEYS;
    }

    @Override
    public SourceSettings bindSource(DefinitionBlock block) {
        URI url = url(block);
        CursorMode cursor = null;
        String cursorText = block.text("cursor").strip().toLowerCase(Locale.ROOT);
        for (CursorMode mode : CursorMode.values()) {
            if (mode.text().equals(cursorText)) {
                cursor = mode;
            }
        }
        if (cursor == null) {
            block.problem("cursor", "unknown cursor " + cursorText + ".", "use updated-since or page-token.");
        }
        String updatedField = field(block, "updated-field");
        if (cursor == CursorMode.UPDATED_SINCE && updatedField == null && block.node("updated-field").isMissingNode()) {
            block.problem("updated-field", "missing; cursor: updated-since needs the field of each record that says when it last changed.",
                    "add updated-field: <field>, e.g. updated-field: updatedAt, or set cursor: page-token.");
        }
        String sinceParam = parameter(block, "since-param", false);
        String pageParam = parameter(block, "page-param", false);
        String pageSizeParam = parameter(block, "page-size-param", true);
        int pageSize = block.integer("page-size", 1, 10_000, 200);
        String recordsField = field(block, "records-field");
        String nextPageField = field(block, "next-page-field");
        String authHeader = block.text("auth-header").strip();
        if (!HEADER.matcher(authHeader).matches()) {
            block.problem("auth-header", "is not an HTTP header name.", "write e.g. auth-header: Authorization or auth-header: X-Api-Key.");
        }
        String authScheme = block.text("auth-scheme").strip();
        SecretRef token = block.secret("token");
        String deletedField = field(block, "deleted-field");
        List<String> deletedValues = block.textList("deleted-values");
        if (!deletedValues.isEmpty() && deletedField == null) {
            block.problem("deleted-values", "is set but deleted-field is not, so it is never used.", "add deleted-field: <field>, or remove deleted-values.");
        }
        String createdField = field(block, "created-field");
        if (createdField != null && updatedField == null) {
            block.problem("created-field", "needs updated-field: a record is a CREATE when its created and updated values are equal.",
                    "add updated-field: <field>, or remove created-field.");
        }
        Duration minimum = Duration.ofMillis(100);
        Duration pollInterval = block.duration("poll-interval", minimum);
        Duration connectTimeout = block.duration("connect-timeout", minimum);
        Duration readTimeout = block.duration("read-timeout", minimum);
        int retries = block.integer("retries", 0, 20, 5);
        Duration backoff = block.duration("backoff", Duration.ZERO);
        Duration maxBackoff = block.duration("max-backoff", Duration.ZERO);
        if (backoff != null && maxBackoff != null && maxBackoff.compareTo(backoff) < 0) {
            block.problem("max-backoff", "is shorter than backoff, the first pause.", "make max-backoff at least backoff, e.g. backoff: 1s and max-backoff: 30s.");
        }
        Duration overlap = block.duration("overlap", Duration.ZERO);
        if (cursor == CursorMode.PAGE_TOKEN && !block.node("overlap").isMissingNode()) {
            block.problem("overlap", "applies to cursor: updated-since only; a page token says itself where to go on.", "remove overlap, or set cursor: updated-since.");
        }
        Path stateDir = stateDir(block);
        if (url == null || cursor == null || (cursor == CursorMode.UPDATED_SINCE && updatedField == null) || sinceParam == null
                || pageParam == null || pageSizeParam == null || recordsField == null || nextPageField == null || pollInterval == null
                || connectTimeout == null || readTimeout == null || backoff == null || maxBackoff == null || overlap == null) {
            return null;
        }
        return new HttpPollSource(url, cursor, updatedField, sinceParam, pageParam, pageSizeParam, pageSize, recordsField, nextPageField,
                authHeader, authScheme, token, deletedField, deletedValues.isEmpty() ? DELETED_VALUES : deletedValues, createdField,
                pollInterval, connectTimeout, readTimeout, retries, backoff, maxBackoff, overlap, stateDir);
    }

    private static URI url(DefinitionBlock block) {
        String text = block.text("url");
        if (text == null) {
            return null;
        }
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            block.problem("url", "is not a URL (" + e.getReason() + ").", "write e.g. url: https://health.example/api/patients.");
            return null;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            block.problem("url", "must be an http or https URL with a host.", "write e.g. url: https://health.example/api/patients.");
            return null;
        }
        if (url.getRawUserInfo() != null) {
            block.problem("url", "holds a user name or password.", "remove it from the URL; give the credential as source.token, a secret reference.");
            return null;
        }
        if (url.getRawFragment() != null) {
            block.problem("url", "has a fragment (#...), which is never sent to the API.", "remove it.");
            return null;
        }
        if (url.getRawQuery() != null) {
            for (String pair : url.getRawQuery().split("&")) {
                String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                if (SECRET_PARAMETER.matcher(name).matches()) {
                    block.problem("url", "has a query parameter " + name + " that looks like a credential written in the file.",
                            "send the credential in a header (source.auth-header, source.auth-scheme, source.token as a secret reference), "
                                    + "and remove it from the file and its history.");
                    return null;
                }
            }
        }
        return url;
    }

    private static String field(DefinitionBlock block, String key) {
        String text = block.text(key);
        if (text == null) {
            return null;
        }
        if (!FIELD.matcher(text.strip()).matches()) {
            block.problem(key, "must name a field (no spaces; dots only between the parts of a nested field).", "write e.g. " + key + ": updatedAt.");
            return null;
        }
        return text.strip();
    }

    private static String parameter(DefinitionBlock block, String key, boolean mayBeEmpty) {
        String text = block.text(key).strip();
        if (text.isEmpty() && !mayBeEmpty) {
            block.problem(key, "must name a query parameter.", "write e.g. " + key + ": " + KEYS.stream()
                    .filter(k -> k.name().equals(key)).findFirst().orElseThrow().defaultValue() + ".");
            return null;
        }
        return text;
    }

    private static Path stateDir(DefinitionBlock block) {
        String text = block.text("state-dir");
        if (text == null || text.contains("<id>")) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            block.problem("state-dir", "is not a folder path this system accepts.", "write a path such as var/connectors/health.");
            return null;
        }
    }

    /**
     * One request for a page of one record: the API answers, accepts the credential, holds its records where
     * {@code records-field} says, and a record has the key fields and the updated field. The stored cursor, if any,
     * must be of this cursor mode.
     */
    @Override
    public List<ConfigProblem> checkConnectivity(ConnectorDefinition definition) {
        HttpPollSource source = definition.source(HttpPollSource.class);
        String file = definition.file();
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            CursorFile.in(source.stateDir(definition.id())).read()
                    .ifPresent(node -> HttpCursor.fromJson(node, source.cursor(), CursorFile.in(source.stateDir(definition.id())).path().toString()));
        } catch (ConnectorException e) {
            problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.state-dir"), e.getMessage() + ".", null));
            return problems;
        }
        if (source.token() != null) {
            var unresolvable = source.token().problem();
            if (unresolvable.isPresent()) {
                problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.token"), "the secret reference " + source.token()
                        + " cannot be resolved: " + unresolvable.get(), "set the secret it points at."));
                return problems;
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!source.pageSizeParam().isEmpty()) {
            parameters.put(source.pageSizeParam(), "1");
        }
        PageClient.Outcome outcome;
        try {
            outcome = new PageClient(definition.id(), source).once(HttpPoller.withQuery(source.url(), parameters), max(source.readTimeout(), CHECK_TIMEOUT));
        } catch (ConnectorException e) {
            problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.url"), e.getMessage() + ".", "check source.url."));
            return problems;
        }
        if (outcome.answer() == null) {
            if (outcome.status() == 401 || outcome.status() == 403) {
                String[] text = outcome.failure().split(" Fix: ", 2);
                problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.token"), text[0] + ".", text.length > 1 ? text[1] + "." : null));
            } else if (outcome.status() != 0) {
                String[] text = outcome.failure().split(" Fix: ", 2);
                problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.url"), text[0] + ".", text.length > 1 ? text[1] + "." : null));
            } else {
                problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.url"), "the API at " + source.url() + " does not answer ("
                        + outcome.failure() + ").", "check the URL, and that the department's API is up and reachable from this host "
                        + "(a proxy, a firewall); or set required: false so the other connectors run meanwhile."));
            }
            return problems;
        }
        JsonNode body;
        try {
            body = JSON.readTree(outcome.answer().body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isContainerNode()) {
            problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.url"), "the API at " + source.url() + " answers with something "
                    + "that is not JSON (" + outcome.answer().contentType() + ").", "check the URL: it must name the API's JSON collection, not a web page."));
            return problems;
        }
        JsonNode records = HttpPoller.at(body, source.recordsField());
        if (!records.isArray()) {
            problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.records-field"), "the API's answer has no list at "
                    + source.recordsField() + " (it has: " + HttpPoller.fieldNames(body) + ").", "set records-field to the field that holds the records."));
            return problems;
        }
        if (!records.isEmpty() && records.get(0).isObject()) {
            JsonNode first = records.get(0);
            List<String> absent = definition.key().stream().filter(k -> first.get(k) == null).toList();
            if (!absent.isEmpty()) {
                problems.add(new ConfigProblem(DefinitionProblems.where(file, "key"), "the API's records have no field " + String.join(", ", absent)
                        + " (a record has: " + HttpPoller.fieldNames(first) + ").", "name the fields that identify a record, e.g. key: [patientId]."));
            }
            if (source.updatedField() != null && first.get(source.updatedField()) == null) {
                problems.add(new ConfigProblem(DefinitionProblems.where(file, "source.updated-field"), "the API's records have no field "
                        + source.updatedField() + " (a record has: " + HttpPoller.fieldNames(first) + ").", "name the field that says when a record last changed."));
            }
        }
        return problems;
    }

    @Override
    public Map<String, Object> routeParameters(ConnectorDefinition definition) {
        HttpPollSource source = definition.source(HttpPollSource.class);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("connector", definition.id());
        parameters.put("interval", source.pollInterval().toMillis());
        return parameters;
    }

    @Override
    public List<String> notes(ConnectorDefinition definition) {
        HttpPollSource source = definition.source(HttpPollSource.class);
        List<String> notes = new ArrayList<>();
        notes.add("cursor: " + source.cursor().text() + ", kept in " + CursorFile.in(source.stateDir(definition.id())).path()
                + "; it moves past a page only after Kafka acknowledged the page's records.");
        if (source.deletedField() == null) {
            notes.add("deletes are not seen: source.deleted-field is not set, so a record the department deletes keeps its last "
                    + "version downstream. Set deleted-field if the API marks deleted records.");
        }
        if (source.token() != null && source.url().getScheme().equalsIgnoreCase("http") && !loopback(source.url().getHost())) {
            notes.add("the credential is sent over plain http to " + source.url().getHost() + "; ask the department for https.");
        }
        return notes;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Decided on the name alone: a status must not wait for a name server. */
    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}

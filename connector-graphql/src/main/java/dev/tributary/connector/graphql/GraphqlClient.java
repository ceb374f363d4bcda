package dev.tributary.connector.graphql;

import dev.tributary.connector.http.JsonHttpClient;
import dev.tributary.connector.http.JsonResponse;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends GraphQL requests ({@code POST {query, variables, operationName}}) to the configured endpoint through the
 * shared {@link JsonHttpClient}, which acquires a rate-limiter permit per request and maps HTTP failures to the SPI
 * exceptions (401/403 authentication, 429 rate limited with {@code Retry-After}, 5xx and network errors transient).
 *
 * <p>A response carrying {@code errors} fails the request, even when it also carries (partial) {@code data}: a
 * sync must not silently store half a page. Errors whose {@code extensions.code} or {@code type} says the client
 * was throttled become a {@link RateLimitedException}, everything else a {@link PermanentException} quoting the
 * server's messages.
 *
 * <p>Thread-safe.
 */
final class GraphqlClient implements AutoCloseable {

    private static final int MAX_ERRORS_QUOTED = 5;
    private static final Set<String> THROTTLED_CODES = Set.of("RATE_LIMITED", "RATE_LIMIT_EXCEEDED", "THROTTLED",
            "TOO_MANY_REQUESTS");

    private final JsonHttpClient http;
    private final String path;

    private GraphqlClient(JsonHttpClient http, String path) {
        this.http = http;
        this.path = path;
    }

    /**
     * A client for {@code config}'s endpoint and headers whose requests go through {@code rateLimiter} (used as is
     * by the connection test); owns a connection pool until {@link #close()}.
     */
    static GraphqlClient create(SourceConfig config, Duration requestTimeout, RateLimiter rateLimiter) {
        URI endpoint = config.endpoint();
        String rawPath = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/"
                : endpoint.getRawPath();
        // The toolkit resolves paths against a base URL ending in '/'; keep the endpoint's exact path (a trailing
        // slash matters to many servers) by splitting it at its last '/'.
        int slash = rawPath.lastIndexOf('/');
        String base = endpoint.getScheme() + "://" + endpoint.getRawAuthority() + rawPath.substring(0, slash + 1);
        String relative = rawPath.substring(slash + 1)
                + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery());
        JsonHttpClient.Builder builder = JsonHttpClient.builder(base)
                .userAgent("tributary-graphql/" + GraphqlConnector.VERSION)
                .requestTimeout(requestTimeout)
                .rateLimiter(rateLimiter);
        config.headers().forEach(builder::header);
        return new GraphqlClient(builder.build(), relative);
    }

    /** A client going through one entity run's rate limiter and cancellation, sharing connections with this one. */
    GraphqlClient forFetch(FetchOptions options) {
        return new GraphqlClient(http.forFetch(options), path);
    }

    /**
     * Runs one operation and returns its {@code data} object.
     *
     * @param what the query's name, for messages
     * @throws dev.tributary.spi.error.ConnectorException of the kind the failure calls for
     */
    Map<String, Object> execute(String what, String query, Map<String, Object> variables,
            Optional<String> operationName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        operationName.ifPresent(name -> body.put("operationName", name));
        JsonResponse response = http.postJson(path, body);
        Map<String, Object> object = response.object();
        if (object.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
            throw failure(what, errors, object.get("data") != null);
        }
        if (!(object.get("data") instanceof Map<?, ?> data)) {
            throw response.unexpectedShape("query '" + what + "': the response has neither data nor errors");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) data;
        return typed;
    }

    private static RuntimeException failure(String what, List<?> errors, boolean partialData) {
        List<String> messages = new ArrayList<>();
        boolean throttled = false;
        for (Object error : errors) {
            if (error instanceof Map<?, ?> map) {
                throttled |= isThrottle(map);
                messages.add(describe(map));
            } else {
                messages.add(String.valueOf(error));
            }
        }
        String quoted = String.join("; ", messages.subList(0, Math.min(MAX_ERRORS_QUOTED, messages.size())))
                + (messages.size() > MAX_ERRORS_QUOTED ? "; and " + (messages.size() - MAX_ERRORS_QUOTED) + " more"
                : "");
        String message = "query '" + what + "': the server answered with " + errors.size() + " GraphQL error"
                + (errors.size() == 1 ? "" : "s") + (partialData ? " (and partial data, which is not stored)" : "")
                + ": " + quoted;
        return throttled ? new RateLimitedException(message, Optional.empty()) : new PermanentException(message);
    }

    private static boolean isThrottle(Map<?, ?> error) {
        Object type = error.get("type");
        Object code = error.get("extensions") instanceof Map<?, ?> extensions ? extensions.get("code") : null;
        return (type != null && THROTTLED_CODES.contains(type.toString().toUpperCase(Locale.ROOT)))
                || (code != null && THROTTLED_CODES.contains(code.toString().toUpperCase(Locale.ROOT)));
    }

    private static String describe(Map<?, ?> error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.get("message")));
        if (error.get("path") instanceof List<?> path && !path.isEmpty()) {
            text.append(" (at ").append(String.join(".", path.stream().map(String::valueOf).toList())).append(')');
        }
        if (error.get("locations") instanceof List<?> locations && !locations.isEmpty()
                && locations.get(0) instanceof Map<?, ?> location) {
            text.append(" [line ").append(location.get("line")).append(", column ").append(location.get("column"))
                    .append(']');
        }
        return text.toString();
    }

    /** Releases the connection pool. */
    @Override
    public void close() {
        http.close();
    }
}

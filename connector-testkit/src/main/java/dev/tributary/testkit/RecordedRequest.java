package dev.tributary.testkit;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request {@link FakeHttpServer} received, to assert on what a connector sent.
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param uri the request target: path and query, as sent
 * @param headers header values keyed by lower-case name
 * @param body the UTF-8 body; empty for none
 */
public record RecordedRequest(String method, URI uri, Map<String, List<String>> headers, String body) {

    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        Objects.requireNonNull(body, "body");
    }

    /** The path, without the query. */
    public String path() {
        return uri.getPath();
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of a query parameter, decoded, in order; empty when absent. */
    public List<String> queryParameters(String name) {
        List<String> values = new ArrayList<>();
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                values.add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** The first value of a query parameter, decoded. */
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}

package dev.tributary.connector.stripe;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A list request: a {@code /v1/...} path and its query parameters, encoded the way stripe-java's form encoder does
 * it (bracket keys such as {@code created[gte]} and {@code types[0]} left literal, values URL-encoded). Immutable.
 */
final class Query {

    private final String path;
    private final List<String> parameters;

    private Query(String path, List<String> parameters) {
        this.path = path;
        this.parameters = List.copyOf(parameters);
    }

    /** A request of the given path without parameters. */
    static Query of(String path) {
        return new Query(Objects.requireNonNull(path, "path"), List.of());
    }

    /** A copy with one more parameter; the key is sent as given, the value URL-encoded. */
    Query with(String key, Object value) {
        List<String> more = new ArrayList<>(parameters);
        more.add(key + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
        return new Query(path, more);
    }

    /** A copy with a list parameter sent as {@code key[0]=..&key[1]=..}. */
    Query withList(String key, List<String> values) {
        Query result = this;
        for (int i = 0; i < values.size(); i++) {
            result = result.with(key + "[" + i + "]", values.get(i));
        }
        return result;
    }

    /** The path alone, for messages. */
    String path() {
        return path;
    }

    /** The path with its query string, relative to the API base. */
    String relativeUrl() {
        return parameters.isEmpty() ? path : path + "?" + String.join("&", parameters);
    }

    @Override
    public String toString() {
        return "GET " + relativeUrl();
    }
}

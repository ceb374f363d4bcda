package dev.tributary.spi.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One HTTP delivery as the server received it, before anything is parsed: method, path, headers and the raw body
 * bytes, which signatures are computed over. Immutable and thread-safe; {@link #toString()} shows neither headers
 * nor body, which may hold signatures and customer data.
 *
 * @since 1.1
 */
public final class WebhookRequest {

    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    /**
     * @param method the HTTP method, e.g. {@code POST}
     * @param path the request path, e.g. {@code /webhooks/billing}
     * @param headers header values by name; names are matched ignoring case
     * @param body the raw body, exactly as received; copied
     */
    public WebhookRequest(String method, String path, Map<String, List<String>> headers, byte[] body) {
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers").forEach((name, values) -> copy.merge(name, List.copyOf(values),
                (first, second) -> Stream.concat(first.stream(), second.stream()).toList()));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = Objects.requireNonNull(body, "body").clone();
    }

    /** The HTTP method in upper case. */
    public String method() {
        return method.toUpperCase(Locale.ROOT);
    }

    /** The request path. */
    public String path() {
        return path;
    }

    /** Every header, names matched ignoring case; never null. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of the named header (ignoring case), absent when the request has none. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A copy of the raw body bytes. */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8, which is what Stripe and Close sign. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body's length in bytes. */
    public int bodyLength() {
        return body.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookRequest that && method.equals(that.method) && path.equals(that.path)
                && headers.equals(that.headers) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, Arrays.hashCode(body));
    }

    /** Shows the method, path and body length only. */
    @Override
    public String toString() {
        return "WebhookRequest[" + method() + " " + path + ", " + body.length + " bytes]";
    }
}

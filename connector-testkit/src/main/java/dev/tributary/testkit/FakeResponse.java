package dev.tributary.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A response {@link FakeHttpServer} sends: a status, headers and a UTF-8 body.
 *
 * @param status the HTTP status code, 100 to 599
 * @param headers header names and their values
 * @param body the body; empty for none
 */
public record FakeResponse(int status, Map<String, List<String>> headers, String body) {

    public FakeResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be between 100 and 599, was " + status);
        }
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        Objects.requireNonNull(body, "body");
    }

    /** A {@code 200} response with a JSON body. */
    public static FakeResponse json(String body) {
        return json(200, body);
    }

    /** A response with the given status and a JSON body, e.g. {@code json(401, "{\"error\":...}")}. */
    public static FakeResponse json(int status, String body) {
        return new FakeResponse(status, Map.of("Content-Type", List.of("application/json")), body);
    }

    /** A response with the given status and no body. */
    public static FakeResponse status(int status) {
        return new FakeResponse(status, Map.of(), "");
    }

    /**
     * A {@code 200} JSON response whose body is a test resource, e.g. a verbatim API response in
     * {@code src/test/resources/fixtures/<connector>/}.
     *
     * @param anchor a class whose loader sees the resource
     * @param resource the resource name, absolute ({@code /fixtures/...}) or relative to the anchor's package
     * @throws IllegalArgumentException naming the resource when it does not exist
     */
    public static FakeResponse jsonResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("test resource '" + resource + "' not found next to "
                        + anchor.getName());
            }
            return json(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test resource '" + resource + "'", e);
        }
    }

    /** A copy with one more header value. */
    public FakeResponse withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.merge(name, List.of(value), (old, added) -> {
            List<String> joined = new ArrayList<>(old);
            joined.addAll(added);
            return joined;
        });
        return new FakeResponse(status, copy, body);
    }
}

package dev.tributary.connector.http;

import dev.tributary.spi.error.PermanentException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.Headers;

/**
 * A successful (2xx) response whose body was parsed as JSON.
 *
 * @param request what was asked, e.g. {@code "GET /api/v1/lead/"} (path without query), for messages
 * @param status the HTTP status code
 * @param headers the response headers
 * @param body the parsed body (see {@link JsonCodec}); {@code null} for an empty 204/205 response or the JSON
 *     literal {@code null}
 */
public record JsonResponse(String request, int status, Headers headers, Object body) {

    public JsonResponse {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(headers, "headers");
    }

    /**
     * The body as a JSON object.
     *
     * @throws PermanentException when the body is not a JSON object (the API answered in a shape this connector
     *     does not understand; repeating will not help)
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object() {
        if (body instanceof Map) {
            return (Map<String, Object>) body;
        }
        throw unexpected("a JSON object");
    }

    /**
     * The body as a JSON array.
     *
     * @throws PermanentException when the body is not a JSON array
     */
    @SuppressWarnings("unchecked")
    public List<Object> array() {
        if (body instanceof List) {
            return (List<Object>) body;
        }
        throw unexpected("a JSON array");
    }

    /**
     * A failure naming this request, for connectors that find a field missing or of the wrong type.
     *
     * @param problem what is wrong, e.g. {@code "field 'data' is not an array"}; must not quote secrets
     */
    public PermanentException unexpectedShape(String problem) {
        return new PermanentException(request + ": unexpected response: " + problem);
    }

    private PermanentException unexpected(String expected) {
        return unexpectedShape("expected " + expected + ", got " + JsonCodec.describe(body));
    }
}

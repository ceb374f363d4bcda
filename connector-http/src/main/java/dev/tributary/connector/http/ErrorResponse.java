package dev.tributary.connector.http;

import java.util.Objects;
import java.util.Optional;
import okhttp3.Headers;

/**
 * A non-successful HTTP response as an {@link ErrorBodyInterpreter} sees it.
 *
 * @param method the request method, e.g. {@code GET}
 * @param path the request path without query, e.g. {@code /api/v1/lead/}; never holds credentials
 * @param status the HTTP status code
 * @param headers the response headers
 * @param body the body text, possibly empty (decoded as UTF-8, at most the first 64 KiB)
 * @param json the body parsed as JSON; absent when it is empty or not JSON. {@code Optional} cannot hold the JSON
 *     literal {@code null}, which is reported as absent too.
 */
public record ErrorResponse(String method, String path, int status, Headers headers, String body,
        Optional<Object> json) {

    public ErrorResponse {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(json, "json");
    }

    /** {@code "GET /api/v1/lead/: HTTP 400"}, the start of every failure message. */
    public String describe() {
        return method + " " + path + ": HTTP " + status;
    }
}

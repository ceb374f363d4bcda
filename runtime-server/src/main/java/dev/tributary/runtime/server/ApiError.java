package dev.tributary.runtime.server;

import dev.tributary.runtime.config.ConfigProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure answered to an API client as {@code {"error": {"code", "message", "field"?, "problems"?}}} with an
 * HTTP status.
 * Route handlers throw it; the server turns it into the response. Messages name inputs, never their values.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final Optional<String> field;
    private final List<ConfigProblem> problems;

    /**
     * Creates an error.
     *
     * @param status the HTTP status, 400 to 599
     * @param code a stable, machine-readable code such as {@code not_found}
     * @param message a sentence for people
     * @param field the request field at fault, absent when the error is not about one field
     */
    public ApiError(int status, String code, String message, Optional<String> field) {
        this(status, code, message, field, List.of());
    }

    private ApiError(int status, String code, String message, Optional<String> field, List<ConfigProblem> problems) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.field = Objects.requireNonNull(field, "field");
        this.problems = List.copyOf(problems);
    }

    /** 401: the bearer token is missing or not one of the configured tokens. */
    public static ApiError unauthorized() {
        return new ApiError(401, "unauthorized",
                "a valid API token is required: send 'Authorization: Bearer <token>'", Optional.empty());
    }

    /** 404 for a named thing, e.g. {@code notFound("connector", "stripe")}. */
    public static ApiError notFound(String kind, String name) {
        return new ApiError(404, "not_found", kind + " '" + name + "' does not exist", Optional.empty());
    }

    /** 400 about the request as a whole (malformed JSON, a bad parameter). */
    public static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message, Optional.empty());
    }

    /** 422: the value of one field is invalid; the message must not repeat the value. */
    public static ApiError invalidField(String field, String message) {
        return new ApiError(422, "invalid_field", message, Optional.of(field));
    }

    /**
     * 422: several fields are invalid; {@code field} names the first, {@code problems} lists each with its message
     * (so a form can show every message next to its field).
     */
    public static ApiError invalidFields(String message, List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("invalidFields needs at least one problem");
        }
        return new ApiError(422, "invalid_field", message, Optional.of(problems.get(0).field()), problems);
    }

    /** 409: the request conflicts with the current state, e.g. a sync of the source is already running. */
    public static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message, Optional.empty());
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The machine-readable code. */
    public String code() {
        return code;
    }

    /** The request field at fault; absent when the error is not about one field. */
    public Optional<String> field() {
        return field;
    }

    /** The JSON body, {@code {"error": {...}}}. */
    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", getMessage());
        field.ifPresent(f -> error.put("field", f));
        if (!problems.isEmpty()) {
            error.put("problems", problems.stream()
                    .map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        }
        return Map.of("error", error);
    }
}

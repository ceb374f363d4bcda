package dev.tributary.connector.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an API's error body into a message for people, and optionally a retry hint, because every API phrases
 * errors differently ({@code {"error": {"message": ...}}}, {@code {"errors": [...]}}, ...). The
 * {@link JsonHttpClient} decides the exception kind from the status; the interpreter supplies the words.
 *
 * <p>Implementations must be thread-safe and must not throw. Messages must not contain secrets; error bodies
 * normally do not, but never copy request headers into them.
 */
public interface ErrorBodyInterpreter {

    /**
     * The server's explanation of the failure.
     *
     * @return the explanation; absent when the body says nothing useful, in which case the client reports the
     *     status alone
     */
    Optional<String> message(ErrorResponse response);

    /**
     * A wait hint found in the body of a 429 response, used when the {@code Retry-After} header is absent.
     *
     * @implSpec The default finds none.
     */
    default Optional<Duration> retryAfter(ErrorResponse response) {
        return Optional.empty();
    }

    /**
     * An interpreter for common shapes: a top-level {@code "message"}, {@code "error"} as text or as an object with
     * a {@code "message"}, or {@code "errors"} as a list of texts or of objects with a {@code "message"}. When the
     * body is not JSON, its first 200 characters of text are used.
     */
    static ErrorBodyInterpreter standard() {
        return ErrorBodyInterpreter::standardMessage;
    }

    /** The message {@link #standard()} finds; usable as a fallback by other interpreters. */
    static Optional<String> standardMessage(ErrorResponse response) {
        if (response.json().isPresent()) {
            return messageOf(response.json().get());
        }
        String text = response.body().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }

    private static Optional<String> messageOf(Object json) {
        if (json instanceof String text && !text.isBlank()) {
            return Optional.of(text);
        }
        if (json instanceof Map<?, ?> object) {
            for (String key : new String[] {"message", "error", "errors", "detail", "error_description"}) {
                Object value = object.get(key);
                Optional<String> found = value instanceof List<?> list ? joined(list) : messageOf(value);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> joined(List<?> list) {
        List<String> parts = list.stream().map(ErrorBodyInterpreter::messageOf).flatMap(Optional::stream).toList();
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }
}

package dev.tributary.connector.close;

import dev.tributary.connector.http.ErrorBodyInterpreter;
import dev.tributary.connector.http.ErrorResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Close's error bodies: {@code {"error": "text"}}, {@code {"error": {"message": ..., "rate_reset": 1}}} (the
 * 429 body) and validation errors {@code {"errors": [...], "field-errors": {"lead": "This field is required."}}}.
 * Stateless and thread-safe.
 */
final class CloseErrorInterpreter implements ErrorBodyInterpreter {

    @Override
    public Optional<String> message(ErrorResponse response) {
        if (response.json().orElse(null) instanceof Map<?, ?> body) {
            List<String> parts = new ArrayList<>();
            Object error = body.get("error");
            if (error instanceof String text && !text.isBlank()) {
                parts.add(text);
            } else if (error instanceof Map<?, ?> nested && nested.get("message") instanceof String text) {
                parts.add(text);
            }
            if (body.get("errors") instanceof List<?> errors) {
                errors.stream().map(String::valueOf).forEach(parts::add);
            }
            if (body.get("field-errors") instanceof Map<?, ?> fieldErrors) {
                fieldErrors.forEach((field, problem) -> parts.add("field '" + field + "': " + problem));
            }
            if (!parts.isEmpty()) {
                return Optional.of(String.join("; ", parts));
            }
        }
        return ErrorBodyInterpreter.standardMessage(response);
    }

    /** The {@code rate_reset} seconds of a 429 body, nested under {@code error} or at the top. */
    @Override
    public Optional<Duration> retryAfter(ErrorResponse response) {
        if (!(response.json().orElse(null) instanceof Map<?, ?> body)) {
            return Optional.empty();
        }
        Object reset = body.get("error") instanceof Map<?, ?> nested ? nested.get("rate_reset")
                : body.get("rate_reset");
        if (reset instanceof Number seconds) {
            BigDecimal exact = new BigDecimal(seconds.toString());
            if (exact.signum() > 0 && exact.compareTo(BigDecimal.valueOf(86_400)) <= 0) {
                return Optional.of(Duration.ofMillis(exact.movePointRight(3).longValue()));
            }
        }
        return Optional.empty();
    }

    /** Whether a failure message is Close refusing a deep {@code _skip} ({@code "... max_skip = 10000 ..."}). */
    static boolean isSkipCap(String message) {
        return message != null && message.contains("max_skip");
    }
}

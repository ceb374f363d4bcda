package dev.tributary.connector.stripe;

import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.ConnectorException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A non-2xx Stripe response, reduced to what decides the runtime's reaction: status, Stripe's error {@code code},
 * {@code param} and message (with anything that looks like a key masked), and the retry headers.
 *
 * @param request what was asked, e.g. {@code GET /v1/customers}
 * @param status the HTTP status
 * @param code Stripe's error code, e.g. {@code rate_limit}, {@code lock_timeout}, {@code resource_missing}
 * @param param the request parameter Stripe rejected
 * @param message Stripe's message, or a description of the unreadable body
 * @param requestId the {@code Request-Id} header
 * @param retryAfter the {@code Retry-After} header as a duration
 * @param shouldRetry the {@code Stripe-Should-Retry} header
 */
record StripeError(String request, int status, Optional<String> code, Optional<String> param, String message,
        Optional<String> requestId, Optional<Duration> retryAfter, Optional<Boolean> shouldRetry) {

    /** Anything starting like a Stripe key ({@code sk_}, {@code rk_}, {@code pk_}), masked or not. */
    private static final Pattern KEY = Pattern.compile("\\b(sk|rk|pk)_[A-Za-z0-9_*]+");

    StripeError {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(shouldRetry, "shouldRetry");
    }

    /** Reads an error response; an unreadable body still gives an error with the status. */
    static StripeError of(String request, int status, String body, Map<String, List<String>> headers,
            Clock clock) {
        Optional<String> code = Optional.empty();
        Optional<String> param = Optional.empty();
        String message;
        try {
            Object error = RawJson.parseObject(body).get("error");
            if (error instanceof Map<?, ?> fields) {
                code = text(fields.get("code"));
                param = text(fields.get("param"));
                message = text(fields.get("message")).orElse("no message");
            } else {
                message = "response without an error object";
            }
        } catch (RawJson.MalformedJsonException e) {
            message = "unreadable error response (" + e.getMessage() + ")";
        }
        return new StripeError(request, status, code, param, mask(message), header(headers, "Request-Id"),
                header(headers, "Retry-After").flatMap(value -> retryAfter(value, clock)),
                header(headers, "Stripe-Should-Retry").map(value -> value.trim().equalsIgnoreCase("true")));
    }

    /** Replaces anything shaped like a Stripe key (Stripe echoes masked keys) so no message carries one. */
    static String mask(String text) {
        return KEY.matcher(text).replaceAll("[key]");
    }

    /** Whether Stripe said the object a cursor points at does not exist (any more). */
    boolean isResourceMissing() {
        return status == 404 && code.filter("resource_missing"::equals).isPresent();
    }

    /** The exception that tells the runtime what to do. */
    ConnectorException toException() {
        String where = request + " returned HTTP " + status + requestId.map(id -> " (request " + id + ")").orElse("");
        if (status == 401) {
            return new AuthenticationException(message + " (" + where + "; check config field 'api_key')");
        }
        if (status == 403) {
            return new AuthenticationException("the API key lacks permission: " + message + " (" + where
                    + "; a restricted key needs read access to this resource)");
        }
        if (shouldRetry.filter(retry -> !retry).isPresent()) {
            return new PermanentException(where + ", and Stripe-Should-Retry: false: " + message);
        }
        if (status == 429) {
            return new RateLimitedException("Stripe rate limit (" + code.orElse("rate_limit") + "): " + message
                    + " (" + where + ")", retryAfter);
        }
        if (status >= 500 || status == 409 || shouldRetry.orElse(false)) {
            return new TransientException(where + ": " + message, null, retryAfter);
        }
        if (param.isPresent()) {
            return new PermanentException("Stripe rejected parameter '" + param.get() + "' of " + request + ": "
                    + message + " (HTTP " + status + requestId.map(id -> ", request " + id).orElse("") + ")");
        }
        return new PermanentException(where + ": " + message);
    }

    private static Optional<String> text(Object value) {
        return value instanceof String string ? Optional.of(string) : Optional.empty();
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey() != null && entry.getKey().equalsIgnoreCase(name))
                .flatMap(entry -> entry.getValue().stream())
                .findFirst();
    }

    private static Optional<Duration> retryAfter(String value, Clock clock) {
        String trimmed = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(Duration.between(clock.instant(), at));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}

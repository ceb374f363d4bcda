package dev.tributary.connector.http;

import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.ConnectorException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Turns a non-2xx response into the SPI exception kind the runtime acts on (see {@link JsonHttpClient}), with the
 * words of an {@link ErrorBodyInterpreter}. The status decides the kind; an interpreter that throws falls back to
 * {@link ErrorBodyInterpreter#standardMessage(ErrorResponse)} and never changes the kind.
 *
 * <p>Thread-safe.
 */
final class FailureClassifier {

    private static final long ERROR_BODY_LIMIT = 64 * 1024;

    private final ErrorBodyInterpreter interpreter;
    private final JsonCodec codec;
    private final Clock clock;

    FailureClassifier(ErrorBodyInterpreter interpreter, JsonCodec codec, Clock clock) {
        this.interpreter = interpreter;
        this.codec = codec;
        this.clock = clock;
    }

    ConnectorException classify(Request request, Response response) {
        String text = errorBodyText(response);
        Optional<Object> json = Optional.empty();
        if (!text.isBlank()) {
            try {
                json = Optional.ofNullable(codec.parse(text.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                json = Optional.empty();
            }
        }
        ErrorResponse error = new ErrorResponse(request.method(), request.url().encodedPath(), response.code(),
                response.headers(), text, json);
        String message = error.describe() + safeMessage(error).map(m -> ": " + m).orElse("");
        int code = response.code();
        if (code == 401 || code == 403) {
            return new AuthenticationException(message);
        }
        Optional<Duration> retryAfter = new RetryAfter(clock).parse(response.header("Retry-After"));
        if (code == 429) {
            Optional<Duration> wait = retryAfter
                    .or(() -> safeRetryAfter(error))
                    .or(() -> RateLimitStatus.from(response.headers(), clock)
                            .filter(status -> status.remaining() <= 0)
                            .map(RateLimitStatus::reset))
                    .or(() -> Optional.ofNullable(response.header("RateLimit-Reset")).flatMap(RetryAfter::seconds));
            return new RateLimitedException(message, wait);
        }
        if (code == 408 || code == 425 || code >= 500) {
            return new TransientException(message, null, retryAfter);
        }
        return new PermanentException(message);
    }

    private Optional<String> safeMessage(ErrorResponse error) {
        try {
            return interpreter.message(error).filter(m -> !m.isBlank());
        } catch (RuntimeException e) {
            return ErrorBodyInterpreter.standardMessage(error);
        }
    }

    private Optional<Duration> safeRetryAfter(ErrorResponse error) {
        try {
            return interpreter.retryAfter(error).filter(d -> !d.isNegative() && !d.isZero());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String errorBodyText(Response response) {
        try {
            return response.peekBody(ERROR_BODY_LIMIT).string();
        } catch (IOException e) {
            // A broken error body does not change the status-based classification.
            return "";
        }
    }
}

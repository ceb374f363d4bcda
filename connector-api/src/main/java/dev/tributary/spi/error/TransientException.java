package dev.tributary.spi.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure that may go away if the request is repeated: a network error, a timeout, an HTTP 5xx, a truncated
 * response. The runtime retries with exponential backoff and jitter, from the last resume state, up to its limit.
 *
 * @since 1.0
 */
public final class TransientException extends ConnectorException {

    private static final long serialVersionUID = 1L;

    private final transient Optional<Duration> retryAfter;

    /** @param message what failed, e.g. {@code "GET /v1/customers: HTTP 503"} */
    public TransientException(String message, Throwable cause) {
        this(message, cause, Optional.empty());
    }

    /**
     * @param message what failed
     * @param cause the underlying exception, or null
     * @param retryAfter the server's hint of when to retry, if it gave one
     */
    public TransientException(String message, Throwable cause, Optional<Duration> retryAfter) {
        super(message, cause);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter")
                .filter(d -> !d.isNegative() && !d.isZero());
    }

    /** The server's hint of when to retry; absent when it gave none. */
    public Optional<Duration> retryAfter() {
        return retryAfter == null ? Optional.empty() : retryAfter;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}

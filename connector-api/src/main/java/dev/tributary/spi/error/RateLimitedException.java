package dev.tributary.spi.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The source refused a request because of its rate limit (HTTP 429 or equivalent). The runtime pauses the data
 * source's rate limiter for {@link #retryAfter()} (or its backoff when absent) and retries, up to its retry limit.
 *
 * @since 1.0
 */
public final class RateLimitedException extends ConnectorException {

    private static final long serialVersionUID = 1L;

    private final transient Optional<Duration> retryAfter;

    /**
     * @param message what the source said
     * @param retryAfter how long the source asked to wait, when it said; zero or negative values mean "no hint"
     */
    public RateLimitedException(String message, Optional<Duration> retryAfter) {
        super(message, null);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter")
                .filter(d -> !d.isNegative() && !d.isZero());
    }

    /** How long the source asked to wait; absent when it gave no usable hint. */
    public Optional<Duration> retryAfter() {
        return retryAfter == null ? Optional.empty() : retryAfter;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}

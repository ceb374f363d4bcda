package dev.tributary.runtime.sync;

import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which fetch failures the engine retries and how often: {@link TransientException}, {@link RateLimitedException}
 * and unchecked I/O errors, up to {@link #maxRetries()} consecutive failures (the count starts again once a batch
 * arrives), waiting per {@link #backoff()}.
 *
 * @param maxRetries retries allowed in a row before the entity fails
 * @param backoff how long to wait before each retry
 */
public record RetryPolicy(int maxRetries, Backoff backoff) {

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        }
        Objects.requireNonNull(backoff, "backoff");
    }

    /** Whether the failure may go away by fetching again. */
    public static boolean isRetryable(Throwable failure) {
        return failure instanceof TransientException || failure instanceof RateLimitedException
                || failure instanceof UncheckedIOException;
    }

    /** The server's hint of when to retry carried by the failure, if any. */
    public static Optional<Duration> retryAfter(Throwable failure) {
        if (failure instanceof RateLimitedException limited) {
            return limited.retryAfter();
        }
        if (failure instanceof TransientException transientFailure) {
            return transientFailure.retryAfter();
        }
        return Optional.empty();
    }
}

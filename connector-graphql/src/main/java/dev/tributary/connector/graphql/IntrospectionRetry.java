package dev.tributary.connector.graphql;

import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How the introspection request is retried: the runtime's retry policy for fetches, applied by the connector because
 * the runtime lists entities only once. Transient failures (HTTP 5xx and 408, network errors, truncated answers) and
 * rate limiting (HTTP 429, throttling errors) are retried up to the sync's {@code maxRetries}, waiting the server's
 * {@code Retry-After} when it gave one, else exponential backoff with full jitter (a random wait up to
 * {@code base * 2^(attempt-1)}, capped at {@code cap}), never less than {@code minimum}. A server asking to wait
 * longer than {@code cap} is not waited for: introspection only improves the column types, so the caller falls back
 * to inference instead of holding the sync. Immutable apart from the random source; thread-safe.
 *
 * @param maxRetries retries after the first attempt (the sync's {@code maxRetries})
 * @param base the upper bound of the first wait
 * @param cap the longest wait, computed or asked for by the server
 * @param minimum the shortest wait
 * @param random uniform values in {@code [0, 1)} for the jitter
 */
record IntrospectionRetry(int maxRetries, Duration base, Duration cap, Duration minimum, DoubleSupplier random) {

    /** The runtime's default backoff: 1 s base, 60 s cap, 250 ms minimum. */
    static IntrospectionRetry standard(int maxRetries) {
        return new IntrospectionRetry(maxRetries, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMillis(250), () -> ThreadLocalRandom.current().nextDouble());
    }

    IntrospectionRetry {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        }
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(minimum, "minimum");
        Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || minimum.isNegative()) {
            throw new IllegalArgumentException("the backoff needs 0 < base <= cap and minimum >= 0");
        }
    }

    /** Whether {@code failure} may go away by asking again. */
    static boolean isTransient(RuntimeException failure) {
        return failure instanceof TransientException || failure instanceof RateLimitedException
                || failure instanceof UncheckedIOException;
    }

    /**
     * The wait before retry number {@code attempt} (1 for the first retry) after {@code failure}, or empty when no
     * retry is left or the server asked for more than {@link #cap()}.
     */
    Optional<Duration> delay(int attempt, RuntimeException failure) {
        if (attempt > maxRetries) {
            return Optional.empty();
        }
        Optional<Duration> hint = serverHint(failure);
        if (hint.isPresent() && hint.get().compareTo(cap) > 0) {
            return Optional.empty();
        }
        Duration wait = hint.orElseGet(() -> {
            long ceiling = base.toMillis() << Math.min(attempt - 1, 30);
            return Duration.ofMillis((long) (random.getAsDouble() * Math.min(ceiling, cap.toMillis())));
        });
        return Optional.of(wait.compareTo(minimum) < 0 ? minimum : wait);
    }

    /** The server's {@code Retry-After}, when the failure carries one. */
    static Optional<Duration> serverHint(RuntimeException failure) {
        if (failure instanceof RateLimitedException limited) {
            return limited.retryAfter();
        }
        return failure instanceof TransientException transientFailure ? transientFailure.retryAfter()
                : Optional.empty();
    }

    /** Sleeps {@code wait}; an interrupt cancels the listing, as it cancels a fetch. */
    static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("schema introspection: cancelled while "
                    + "waiting to retry");
            cancelled.initCause(e);
            throw cancelled;
        }
    }
}

package dev.tributary.runtime.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before a retry: exponential backoff with full jitter (a uniformly random wait between zero and
 * {@code base * 2^(attempt-1)}, capped), or the server's {@code Retry-After} when it gave one; never less than
 * {@link #minimum()}, so a hint of zero or a date in the past cannot make the engine retry in a tight loop.
 *
 * @param base the upper bound of the first wait
 * @param cap the largest upper bound
 * @param minimum the shortest wait
 */
public record Backoff(Duration base, Duration cap, Duration minimum) {

    /** 1 s base, 60 s cap, 250 ms minimum. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofMillis(250));

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(minimum, "minimum");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || minimum.isNegative()) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap and minimum >= 0");
        }
    }

    /**
     * The wait before retry number {@code attempt}.
     *
     * @param attempt 1 for the first retry
     * @param retryAfter the server's hint, if any
     * @param random uniform values in {@code [0, 1)}
     */
    public Duration delay(int attempt, Optional<Duration> retryAfter, DoubleSupplier random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        Duration wait = retryAfter.orElseGet(() -> {
            long ceiling = base.toMillis() << Math.min(attempt - 1, 30);
            long bounded = Math.min(ceiling, cap.toMillis());
            return Duration.ofMillis((long) (random.getAsDouble() * bounded));
        });
        return wait.compareTo(minimum) < 0 ? minimum : wait;
    }
}

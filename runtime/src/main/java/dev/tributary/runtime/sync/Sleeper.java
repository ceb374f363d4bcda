package dev.tributary.runtime.sync;

import java.time.Duration;

/**
 * Waits. The engine and the token bucket wait only through a sleeper, so tests substitute one that advances a fake
 * clock instead of sleeping.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps with {@link Thread#sleep}. */
    Sleeper SYSTEM = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    };

    /**
     * Waits for {@code duration}; returns at once when it is zero or negative.
     *
     * @throws InterruptedException when the waiting thread is interrupted (the sync is being cancelled)
     */
    void sleep(Duration duration) throws InterruptedException;
}

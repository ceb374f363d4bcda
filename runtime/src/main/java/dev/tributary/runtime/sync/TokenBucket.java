package dev.tributary.runtime.sync;

import dev.tributary.spi.config.Settings;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;

/**
 * The request budget of one data source, shared by all of its entity fetches: {@code requestsPerSecond} with up to
 * {@code burst} requests back to back, and pauses asked for by the server. Each {@link #acquire()} reserves the next
 * free slot (so waiting threads are served in order without spinning), then waits for it and for any pause.
 *
 * <p>Thread-safe. Time comes from the injected clock and sleeper.
 */
public final class TokenBucket implements RateLimiter {

    private final Duration interval;
    private final Duration tolerance;
    private final Clock clock;
    private final Sleeper sleeper;
    private final BiConsumer<Duration, String> pauseListener;
    private Instant theoreticalArrival;
    private Instant pausedUntil;

    /**
     * @param requestsPerSecond the sustained rate, positive
     * @param burst how many requests may go back to back, at least 1
     * @param pauseListener told of every pause (its length and reason), for logs and progress events
     */
    public TokenBucket(double requestsPerSecond, int burst, Clock clock, Sleeper sleeper,
            BiConsumer<Duration, String> pauseListener) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond) || burst < 1) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and a burst of at least 1");
        }
        this.interval = Duration.ofNanos(Math.max(1, (long) (1_000_000_000L / requestsPerSecond)));
        this.tolerance = interval.multipliedBy(burst - 1L);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.pauseListener = Objects.requireNonNull(pauseListener, "pauseListener");
        this.theoreticalArrival = clock.instant();
        this.pausedUntil = Instant.MIN;
    }

    /** A bucket for a data source's settings. */
    public static TokenBucket of(Settings settings, Clock clock, Sleeper sleeper,
            BiConsumer<Duration, String> pauseListener) {
        return new TokenBucket(settings.requestsPerSecond(), settings.burst(), clock, sleeper, pauseListener);
    }

    @Override
    public void acquire() {
        Instant slot = reserve();
        try {
            while (true) {
                Instant now = clock.instant();
                Instant until = later(slot, pausedUntil());
                if (!until.isAfter(now)) {
                    return;
                }
                sleeper.sleep(Duration.between(now, until));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the rate limiter");
        }
    }

    private synchronized Instant reserve() {
        Instant now = clock.instant();
        Instant base = later(later(theoreticalArrival, now), pausedUntil);
        theoreticalArrival = base.plus(interval);
        Instant allowed = base.minus(tolerance);
        return allowed.isBefore(now) ? now : allowed;
    }

    private synchronized Instant pausedUntil() {
        return pausedUntil;
    }

    @Override
    public void pause(Duration duration, String reason) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        synchronized (this) {
            Instant until = clock.instant().plus(duration);
            if (!until.isAfter(pausedUntil)) {
                return;
            }
            pausedUntil = until;
        }
        pauseListener.accept(duration, reason);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

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
 * <p>The rate can change while requests flow: {@link #use(SourceBudget)} installs the budget the runtime chose (the
 * user's setting, the connector's declared budget or the runtime default), and {@link #limitReported} follows the
 * allowance a server states in its headers, up or down, never above it and never above a rate the user set. The
 * bucket counts requests and how many of them had to wait for the rate (not for a pause), so a sync can tell
 * whether the budget was what limited it ({@link #limiting()}).
 *
 * <p>Thread-safe. Time comes from the injected clock and sleeper.
 */
public final class TokenBucket implements RateLimiter {

    private Duration interval;
    private Duration tolerance;
    private double requestsPerSecond;
    private double ceiling = Double.POSITIVE_INFINITY;
    private String basis = "";
    private String origin = SourceBudget.Origin.RUNTIME_DEFAULT.jsonName();
    private long acquired;
    private long waited;
    private final Clock clock;
    private final Sleeper sleeper;
    private final BiConsumer<Duration, String> pauseListener;
    private Instant theoreticalArrival;
    private Instant pausedUntil;
    private String pauseReason = "";

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
        setRate(requestsPerSecond, burst);
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

    /**
     * Starts this bucket on a chosen budget: its rate and burst, and, when the user chose it, a ceiling that
     * header-reported limits never raise the rate above.
     */
    public synchronized void use(SourceBudget budget) {
        setRate(budget.requestsPerSecond(), budget.burst());
        ceiling = budget.userCapped() ? budget.requestsPerSecond() : Double.POSITIVE_INFINITY;
        basis = budget.describe();
        origin = budget.origin().jsonName();
    }

    private synchronized void setRate(double rate, int burst) {
        if (!(rate > 0) || Double.isInfinite(rate) || burst < 1) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and a burst of at least 1");
        }
        requestsPerSecond = rate;
        interval = Duration.ofNanos(Math.max(1, (long) (1_000_000_000L / rate)));
        tolerance = interval.multipliedBy(burst - 1L);
    }

    /**
     * Follows the allowance the server states: the rate becomes {@code requests / window}, upward or downward, but
     * never above a rate the user set. The burst becomes 1, as the server's window need not line up with ours.
     * Changes under 1% are ignored; a change is told to the pause listener with a zero duration (not a pause).
     */
    @Override
    public void limitReported(int requests, Duration window, String reason) {
        if (requests < 1 || window == null || window.isNegative() || window.isZero()) {
            return;
        }
        double stated = requests * 1_000_000_000.0 / window.toNanos();
        double target;
        synchronized (this) {
            target = Math.min(stated, ceiling);
            if (Math.abs(target - requestsPerSecond) < requestsPerSecond * 0.01) {
                return;
            }
            setRate(target, 1);
            basis = formatRate(target) + " req/s (" + (target < stated ? "the requestsPerSecond setting; the server"
                    + " allows " + reason : "the server states " + reason) + ")";
            origin = target < stated ? SourceBudget.Origin.SETTING.jsonName() : "server";
        }
        pauseListener.accept(Duration.ZERO, "request budget now " + formatRate(target) + " req/s (" + reason + ")");
    }

    /** The current sustained rate in requests per second. */
    public synchronized double requestsPerSecond() {
        return requestsPerSecond;
    }

    /** Where the current rate comes from, e.g. {@code "20 req/s (connector: ...)"}; empty before {@link #use}. */
    public synchronized String basis() {
        return basis;
    }

    /**
     * Who chose the current rate: {@code setting}, {@code connector}, {@code runtime_default}, or {@code server}
     * once a header-reported limit was followed.
     */
    public synchronized String origin() {
        return origin;
    }

    /**
     * Whether the budget held requests back: at least half of the requests since the start had to wait for their
     * slot (pauses asked for by the server not counted). A source slower than its budget never makes them wait.
     */
    public synchronized boolean limiting() {
        return acquired > 0 && waited * 2 >= acquired;
    }

    /** A rate for people: whole numbers without decimals, others with one. */
    public static String formatRate(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.format(java.util.Locale.ROOT, "%.1f", rate);
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
        acquired++;
        if (allowed.isAfter(now) && !pausedUntil.isAfter(now)) {
            waited++;
        }
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
            pauseReason = reason;
        }
        pauseListener.accept(duration, reason);
    }

    /** How long requests are still held back by a pause; zero when none is in force. */
    public synchronized Duration pauseRemaining() {
        Duration remaining = Duration.between(clock.instant(), pausedUntil.isBefore(Instant.EPOCH) ? Instant.EPOCH
                : pausedUntil);
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    /** The reason given for the latest pause; empty before any. */
    public synchronized String pauseReason() {
        return pauseReason;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

package dev.tributary.testkit;

import dev.tributary.spi.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link RateLimiter} that never waits but counts: how many requests a connector announced with
 * {@link #acquire()}, which pauses it asked for and which server-stated allowances it reported with
 * {@link #limitReported(int, Duration, String)}, and which responses it reported with
 * {@link #responseReceived(int, long)}. Hand it to a connector through {@link FakeConnectorContext} or
 * {@link dev.tributary.spi.FetchOptions.Builder#rateLimiter(RateLimiter)} to check that every request goes through
 * the limiter and that none is made after cancellation.
 *
 * <p>Like the runtime's limiter, {@link #acquire()} throws {@link CancellationException} on an interrupted thread
 * and keeps the interrupt flag. Thread-safe.
 */
public final class CountingRateLimiter implements RateLimiter {

    private final AtomicInteger acquired = new AtomicInteger();
    private final List<Pause> pauses = new ArrayList<>();
    private final List<ReportedLimit> reportedLimits = new ArrayList<>();
    private final List<Response> responses = new ArrayList<>();

    /** A pause a connector asked for. */
    public record Pause(Duration duration, String reason) {
    }

    /** A response a connector reported: its HTTP status and the size of the body it read. */
    public record Response(int status, long bodyBytes) {
    }

    /** An allowance a connector reported from the server's headers: {@code requests} per {@code window}. */
    public record ReportedLimit(int requests, Duration window, String reason) {
    }

    /** Creates a limiter with no requests counted. */
    public CountingRateLimiter() {
    }

    @Override
    public void acquire() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("interrupted while acquiring a request permit");
        }
        acquired.incrementAndGet();
    }

    @Override
    public synchronized void pause(Duration duration, String reason) {
        pauses.add(new Pause(duration, reason));
    }

    @Override
    public synchronized void limitReported(int requests, Duration window, String reason) {
        reportedLimits.add(new ReportedLimit(requests, window, reason));
    }

    @Override
    public synchronized void responseReceived(int status, long bodyBytes) {
        responses.add(new Response(status, bodyBytes));
    }

    /** How many times {@link #acquire()} returned so far. */
    public int acquired() {
        return acquired.get();
    }

    /** The pauses asked for so far, oldest first. */
    public synchronized List<Pause> pauses() {
        return List.copyOf(pauses);
    }

    /** The responses reported so far, oldest first. */
    public synchronized List<Response> responses() {
        return List.copyOf(responses);
    }

    /** The allowances reported so far, oldest first. */
    public synchronized List<ReportedLimit> reportedLimits() {
        return List.copyOf(reportedLimits);
    }
}

package dev.tributary.spi.ratelimit;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * The request budget of one data source, shared by all of its concurrent entity fetches. Implemented by the runtime
 * as a token bucket ({@code requestsPerSecond}, with a burst); connectors call {@link #acquire()} before every
 * request and {@link #pause(Duration, String)} when the server asks them to slow down.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 1.0
 */
public interface RateLimiter {

    /**
     * Blocks until one more request may be sent.
     *
     * @throws CancellationException when the waiting thread is interrupted or the sync cancelled; the interrupt
     *     flag is kept
     */
    void acquire();

    /**
     * Holds back every request of this data source for the given time, because the server said so (a
     * {@code Retry-After} header, an exhausted rate-limit budget). Pauses do not shorten one another.
     *
     * @param duration how long to wait; zero or negative durations are ignored
     * @param reason a short phrase for logs and progress events, e.g. {@code "429 Retry-After 2s"}
     */
    void pause(Duration duration, String reason);

    /**
     * Tells the limiter the request allowance the server states (a {@code RateLimit-Limit},
     * {@code X-RateLimit-Limit} or Close {@code ratelimit} header): the runtime adapts this data source's budget to
     * it, upward as well as downward, never above what the server states and never above a rate the user set.
     * Calling it on every response is fine; it costs no more than reading two numbers.
     *
     * @implSpec The default does nothing, which is what a runtime that predates SPI 1.1 does.
     * @param requests the number of requests the server allows per {@code window}, at least 1
     * @param window the period the allowance applies to, positive
     * @param reason a short phrase for logs and progress, e.g. {@code "RateLimit-Limit: 100;w=1"}
     * @since 1.1
     */
    default void limitReported(int requests, Duration window, String reason) {
    }

    /**
     * Tells the runtime how a request it permitted was answered, for its metrics (responses by status class, 429s,
     * bytes fetched). Call it once per HTTP response, successful or not; never for a request that got no response.
     *
     * @implSpec The default does nothing, which is what a runtime that predates SPI 1.1 does.
     * @param status the HTTP status code, e.g. 200 or 429
     * @param bodyBytes the size of the response body read, in bytes; 0 when it was not read
     * @since 1.1
     */
    default void responseReceived(int status, long bodyBytes) {
    }

    /** A limiter that never waits, for tests and tools. */
    static RateLimiter unlimited() {
        return new RateLimiter() {
            @Override
            public void acquire() {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("interrupted while acquiring a request permit");
                }
            }

            @Override
            public void pause(Duration duration, String reason) {
            }
        };
    }
}

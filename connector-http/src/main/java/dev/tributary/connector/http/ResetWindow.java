package dev.tributary.connector.http;

import java.time.Duration;

/**
 * Estimates the length of a server's rate-limit window when the server states a limit and a reset time but not the
 * window: the longest reset seen so far, rounded up to whole seconds, at least one second. A reset is never longer
 * than its window, so the estimate only grows toward the real window (a client that starts mid-window sees a short
 * reset first); the rate it implies is therefore never below what the server allows, and the
 * {@link RateLimitStatus remaining-count} pause still guards the end of each window.
 *
 * <p>Thread-safe; one instance is shared by a client and its views.
 */
final class ResetWindow {

    private long longestSeconds = 1;

    /** Takes one response's reset into account and returns the current estimate. */
    synchronized Duration observe(Duration reset) {
        long seconds = reset.toSeconds() + (reset.toNanosPart() > 0 ? 1 : 0);
        longestSeconds = Math.max(longestSeconds, seconds);
        return Duration.ofSeconds(longestSeconds);
    }
}

package dev.tributary.runtime.server;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per data-source name for {@code POST /webhooks/{source}}: {@code perSecond} deliveries a second
 * with bursts of {@code burst}. Names are tracked whether or not such a source exists, so the table is emptied when
 * it holds more than {@value #MAX_TRACKED} of them (an attacker inventing names only resets the buckets).
 * Thread-safe.
 */
final class WebhookRateLimit {

    static final int MAX_TRACKED = 10_000;

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private final Map<String, double[]> buckets = new HashMap<>();

    WebhookRateLimit(double perSecond, double burst, Clock clock) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("the webhook rate must be positive and its burst at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one delivery's permit for the source; false when its bucket is empty. */
    synchronized boolean tryAcquire(String source) {
        if (buckets.size() > MAX_TRACKED && !buckets.containsKey(source)) {
            buckets.clear();
        }
        long now = clock.millis();
        double[] bucket = buckets.computeIfAbsent(source, name -> new double[] {burst, now});
        double tokens = Math.min(burst, bucket[0] + (now - bucket[1]) * perSecond / 1000.0);
        bucket[1] = now;
        if (tokens < 1) {
            bucket[0] = tokens;
            return false;
        }
        bucket[0] = tokens - 1;
        return true;
    }
}

package dev.tributary.runtime.sync;

import dev.tributary.spi.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The limiter one entity's fetch sees: the data source's shared limiter, plus progress events when a request has to
 * wait for a pause the source asked for (rate-limit headers, {@code Retry-After}), so such waits show as
 * {@link EntityStatus#RATE_LIMITED} for the entities they hold back, and budget events when a server-stated allowance
 * changes the rate ({@link SyncListener#onBudget}); every permit and its wait, and every response the connector
 * reports, go to the entity's meters.
 *
 * <p>Thread-safe as its delegate is.
 */
final class ReportingRateLimiter implements RateLimiter {

    private final RateLimiter shared;
    private final SyncProgress progress;
    private final SyncMetrics.EntityMeters meters;
    private final Clock clock;

    ReportingRateLimiter(RateLimiter shared, SyncProgress progress, SyncMetrics.EntityMeters meters, Clock clock) {
        this.shared = shared;
        this.progress = progress;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void acquire() {
        Instant asked = clock.instant();
        Duration paused = shared instanceof TokenBucket bucket ? bucket.pauseRemaining() : Duration.ZERO;
        if (paused.isZero()) {
            shared.acquire();
        } else {
            progress.waiting(EntityStatus.RATE_LIMITED, "source rate limit (" + ((TokenBucket) shared).pauseReason()
                    + "): waiting " + paused.toMillis() + " ms");
            shared.acquire();
            progress.running();
        }
        meters.permitted(Duration.between(asked, clock.instant()));
    }

    @Override
    public void pause(Duration duration, String reason) {
        shared.pause(duration, reason);
    }

    @Override
    public void responseReceived(int status, long bodyBytes) {
        meters.responded(status, bodyBytes);
    }

    @Override
    public void limitReported(int requests, Duration window, String reason) {
        if (!(shared instanceof TokenBucket bucket)) {
            shared.limitReported(requests, window, reason);
            return;
        }
        String before = bucket.basis();
        shared.limitReported(requests, window, reason);
        String after = bucket.basis();
        if (!after.equals(before)) {
            progress.budget(after);
        }
    }
}

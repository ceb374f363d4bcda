package dev.tributary.connector.graphql;

import dev.tributary.spi.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A rate limiter that never waits but counts permits and records pauses, to check every request goes through it. */
final class CountingRateLimiter implements RateLimiter {

    private final AtomicInteger acquired = new AtomicInteger();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    @Override
    public void acquire() {
        acquired.incrementAndGet();
    }

    @Override
    public void pause(Duration duration, String reason) {
        pauses.add(duration);
    }

    int acquired() {
        return acquired.get();
    }

    List<Duration> pauses() {
        return List.copyOf(pauses);
    }
}

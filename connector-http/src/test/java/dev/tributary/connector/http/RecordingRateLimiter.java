package dev.tributary.connector.http;

import dev.tributary.spi.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A rate limiter that never waits and records every call, for asserting what a client asked of it. */
final class RecordingRateLimiter implements RateLimiter {

    /** One {@link #pause(Duration, String)} call. */
    record Pause(Duration duration, String reason) {
    }

    private final AtomicInteger acquires = new AtomicInteger();
    private final List<Pause> pauses = new CopyOnWriteArrayList<>();

    @Override
    public void acquire() {
        acquires.incrementAndGet();
    }

    @Override
    public void pause(Duration duration, String reason) {
        pauses.add(new Pause(duration, reason));
    }

    int acquires() {
        return acquires.get();
    }

    List<Pause> pauses() {
        return List.copyOf(pauses);
    }
}

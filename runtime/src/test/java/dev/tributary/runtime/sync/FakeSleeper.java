package dev.tributary.runtime.sync;

import dev.tributary.runtime.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that records each wait and advances a {@link FakeClock} instead of sleeping; thread-safe. */
final class FakeSleeper implements Sleeper {

    private final FakeClock clock;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    FakeSleeper(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted");
        }
        waits.add(duration);
        clock.advance(duration);
    }

    List<Duration> waits() {
        return List.copyOf(waits);
    }
}

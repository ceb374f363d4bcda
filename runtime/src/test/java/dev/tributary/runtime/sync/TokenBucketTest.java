package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final List<String> pauses = new CopyOnWriteArrayList<>();

    private TokenBucket bucket(double rate, int burst) {
        return new TokenBucket(rate, burst, clock, sleeper, (duration, reason) -> pauses.add(duration + " " + reason));
    }

    @Test
    void spacesRequestsAtTheRate() {
        TokenBucket bucket = bucket(25, 1);
        Instant start = clock.instant();

        for (int i = 0; i < 50; i++) {
            bucket.acquire();
        }

        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMillis(49 * 40));
    }

    @Test
    void allowsABurstThenTheRate() {
        TokenBucket bucket = bucket(10, 5);

        for (int i = 0; i < 5; i++) {
            bucket.acquire();
        }
        assertThat(sleeper.waits()).isEmpty();
        bucket.acquire();

        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void pauseHoldsBackEveryRequestAndIsReported() {
        TokenBucket bucket = bucket(1000, 1);
        Instant start = clock.instant();

        bucket.pause(Duration.ofSeconds(3), "429 Retry-After 3s");
        bucket.acquire();

        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(pauses).containsExactly("PT3S 429 Retry-After 3s");
    }

    @Test
    void shorterPauseDoesNotShortenALongerOne() {
        TokenBucket bucket = bucket(1000, 1);
        Instant start = clock.instant();

        bucket.pause(Duration.ofSeconds(5), "long");
        bucket.pause(Duration.ofSeconds(1), "short");
        bucket.pause(Duration.ZERO, "zero");
        bucket.acquire();

        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(pauses).hasSize(1);
    }

    @Test
    void interruptedAcquireThrowsCancellationAndKeepsTheFlag() {
        TokenBucket bucket = bucket(1, 1);
        bucket.acquire();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(bucket::acquire).isInstanceOf(CancellationException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}

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

    private static SourceBudget connectorBudget(double rate) {
        return new SourceBudget(rate, 1, SourceBudget.Origin.CONNECTOR, "test");
    }

    private Duration spanOf(TokenBucket bucket, int requests) {
        bucket.acquire();
        Instant start = clock.instant();
        for (int i = 0; i < requests; i++) {
            bucket.acquire();
        }
        return Duration.between(start, clock.instant());
    }

    @Test
    void aChosenBudgetReplacesTheSettingsRate() {
        TokenBucket bucket = bucket(10, 1);

        bucket.use(connectorBudget(20));

        assertThat(spanOf(bucket, 20)).isEqualTo(Duration.ofMillis(20 * 50));
        assertThat(bucket.origin()).isEqualTo("connector");
    }

    @Test
    void aReportedLimitAboveTheBudgetRaisesTheRate() {
        TokenBucket bucket = bucket(10, 1);
        bucket.use(connectorBudget(20));

        bucket.limitReported(100, Duration.ofSeconds(1), "RateLimit-Limit: 100");

        assertThat(bucket.requestsPerSecond()).isEqualTo(100);
        assertThat(spanOf(bucket, 100)).isEqualTo(Duration.ofMillis(100 * 10));
        assertThat(bucket.origin()).isEqualTo("server");
    }

    @Test
    void aReportedLimitBelowTheBudgetLowersTheRate() {
        TokenBucket bucket = bucket(10, 1);
        bucket.use(connectorBudget(80));

        bucket.limitReported(50, Duration.ofSeconds(10), "X-RateLimit-Limit: 50 per 10 s");

        assertThat(bucket.requestsPerSecond()).isEqualTo(5);
        assertThat(spanOf(bucket, 5)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aReportedLimitNeverRaisesARateTheUserSet() {
        TokenBucket bucket = bucket(10, 1);
        bucket.use(new SourceBudget(15, 1, SourceBudget.Origin.SETTING, "the requestsPerSecond setting"));

        bucket.limitReported(100, Duration.ofSeconds(1), "RateLimit-Limit: 100");

        assertThat(bucket.requestsPerSecond()).isEqualTo(15);
    }

    @Test
    void aReportedLimitBelowTheUsersRateLowersIt() {
        TokenBucket bucket = bucket(10, 1);
        bucket.use(new SourceBudget(15, 1, SourceBudget.Origin.SETTING, "the requestsPerSecond setting"));

        bucket.limitReported(4, Duration.ofSeconds(1), "RateLimit-Limit: 4");

        assertThat(bucket.requestsPerSecond()).isEqualTo(4);
    }

    @Test
    void aRateChangeIsToldToTheListenerAsAZeroLengthEvent() {
        TokenBucket bucket = bucket(10, 1);

        bucket.limitReported(30, Duration.ofSeconds(1), "RateLimit-Limit: 30");
        bucket.limitReported(30, Duration.ofSeconds(1), "RateLimit-Limit: 30");

        assertThat(pauses).containsExactly("PT0S request budget now 30 req/s (RateLimit-Limit: 30)");
    }

    @Test
    void aReportedLimitStillYieldsToA429Pause() {
        TokenBucket bucket = bucket(10, 1);
        bucket.limitReported(100, Duration.ofSeconds(1), "RateLimit-Limit: 100");
        Instant start = clock.instant();

        bucket.pause(Duration.ofSeconds(2), "429 Retry-After 2s");
        bucket.acquire();

        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void requestsThatWaitForTheirSlotMakeTheBudgetLimiting() {
        TokenBucket bucket = bucket(10, 1);

        spanOf(bucket, 10);

        assertThat(bucket.limiting()).isTrue();
    }

    @Test
    void requestsSlowerThanTheBudgetLeaveItNotLimiting() {
        TokenBucket bucket = bucket(10, 1);

        for (int i = 0; i < 10; i++) {
            bucket.acquire();
            clock.advance(Duration.ofMillis(200));
        }

        assertThat(bucket.limiting()).isFalse();
    }
}

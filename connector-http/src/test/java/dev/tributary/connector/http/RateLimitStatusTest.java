package dev.tributary.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitStatusTest {

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "limit=100, remaining=3, reset=8     | 100 | 3   | PT8S",
        "limit=160; remaining=159; reset=8   | 160 | 159 | PT8S",
        "limit=16;remaining=14;reset=1       | 16  | 14  | PT1S",
        "limit=16, remaining=0, reset=0.25   | 16  | 0   | PT0.25S",
        "remaining=5, limit=10, reset=2      | 10  | 5   | PT2S",
        "\"default\";r=3;t=30                | -1  | 3   | PT30S",
    })
    void readsCombinedHeaderWithCommaOrSemicolonSeparators(String header, long limit, long remaining, String reset) {
        RateLimitStatus status = RateLimitStatus.from(Headers.of("RateLimit", header), clock).orElseThrow();

        assertThat(status.remaining()).isEqualTo(remaining);
        assertThat(status.limit()).isEqualTo(limit < 0 ? OptionalLong.empty() : OptionalLong.of(limit));
        assertThat(status.reset()).isEqualTo(Duration.parse(reset));
    }

    @Test
    void takesTightestOfSeveralCombinedHeaders() {
        Headers headers = new Headers.Builder()
                .add("RateLimit", "limit=100, remaining=50, reset=10")
                .add("RateLimit", "limit=10, remaining=2, reset=3")
                .build();

        assertThat(RateLimitStatus.from(headers, clock)).contains(
                new RateLimitStatus(OptionalLong.of(10), 2, Duration.ofSeconds(3)));
    }

    @ParameterizedTest
    @CsvSource({"RateLimit-", "X-RateLimit-", "X-Rate-Limit-"})
    void readsSeparateHeaders(String prefix) {
        Headers headers = Headers.of(prefix + "Limit", "600", prefix + "Remaining", "1", prefix + "Reset", "1.5");

        assertThat(RateLimitStatus.from(headers, clock)).contains(
                new RateLimitStatus(OptionalLong.of(600), 1, Duration.ofMillis(1500)));
    }

    @Test
    void readsResetGivenAsEpochSeconds() {
        Headers headers = Headers.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1800000042");

        assertThat(RateLimitStatus.from(headers, clock).orElseThrow().reset()).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void prefersCombinedHeaderOverOlderForms() {
        Headers headers = Headers.of("RateLimit", "limit=100, remaining=7, reset=4", "X-Rate-Limit-Remaining", "0");

        assertThat(RateLimitStatus.from(headers, clock).orElseThrow().remaining()).isEqualTo(7);
    }

    @Test
    void isAbsentWithoutRemainingCount() {
        assertThat(RateLimitStatus.from(Headers.of("RateLimit", "limit=100, reset=4"), clock)).isEmpty();
        assertThat(RateLimitStatus.from(Headers.of("X-Rate-Limit-Remaining", "lots"), clock)).isEmpty();
        assertThat(RateLimitStatus.from(Headers.of("Content-Type", "application/json"), clock)).isEmpty();
    }

    @Test
    void isLowAtOrBelowThreshold() {
        RateLimitStatus status = new RateLimitStatus(OptionalLong.empty(), 1, Duration.ofSeconds(1));

        assertThat(status.isLow(1)).isTrue();
        assertThat(status.isLow(0)).isFalse();
    }
}

package dev.tributary.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateAllowanceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T19:00:00Z"), ZoneOffset.UTC);

    private static Optional<RateAllowance> read(Headers headers, ResetWindow window) {
        return RateAllowance.from(headers, RateLimitStatus.from(headers, CLOCK), window);
    }

    private static Optional<RateAllowance> read(String name, String value) {
        return read(Headers.of(name, value), new ResetWindow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "RateLimit-Policy|100;w=60|100|60",
        "RateLimit-Policy|\"default\";q=100;w=60|100|60",
        "RateLimit-Policy|\"burst\";w=1;q=25|25|1",
        "RateLimit-Limit|100, 100;w=60|100|60",
        "X-RateLimit-Limit|40, 40;w=1|40|1"})
    void readsAStatedPolicy(String header, String value, int requests, long seconds) {
        assertThat(read(header, value)).hasValueSatisfying(allowance -> {
            assertThat(allowance.requests()).isEqualTo(requests);
            assertThat(allowance.window()).isEqualTo(Duration.ofSeconds(seconds));
            assertThat(allowance.statement()).startsWith(header + ": " + requests + ";w=" + seconds);
        });
    }

    @Test
    void takesThePolicyAllowingTheFewestRequestsPerSecond() {
        assertThat(read("RateLimit-Policy", "10;w=1, 300;w=60")).hasValueSatisfying(allowance ->
                assertThat(allowance.requestsPerSecond()).isEqualTo(5.0));
    }

    @Test
    void estimatesTheWindowFromTheResetWhenOnlyALimitIsStated() {
        assertThat(read("RateLimit", "limit=16; remaining=14; reset=1")).hasValueSatisfying(allowance -> {
            assertThat(allowance.requests()).isEqualTo(16);
            assertThat(allowance.window()).isEqualTo(Duration.ofSeconds(1));
            assertThat(allowance.statement()).contains("limit=16 per 1s", "estimated");
        });
    }

    @Test
    void theEstimatedWindowGrowsToTheLongestResetSeenAndRoundsUp() {
        ResetWindow window = new ResetWindow();
        read(Headers.of("X-RateLimit-Limit", "600", "X-RateLimit-Remaining", "500", "X-RateLimit-Reset", "3.2"),
                window);

        Optional<RateAllowance> later = read(Headers.of("X-RateLimit-Limit", "600", "X-RateLimit-Remaining", "599",
                "X-RateLimit-Reset", "15"), window);
        Optional<RateAllowance> shorterResetAfterwards = read(Headers.of("X-RateLimit-Limit", "600",
                "X-RateLimit-Remaining", "100", "X-RateLimit-Reset", "2"), window);

        assertThat(later).map(RateAllowance::requestsPerSecond).contains(40.0);
        assertThat(shorterResetAfterwards).map(RateAllowance::window).contains(Duration.ofSeconds(15));
    }

    @Test
    void isAbsentWithoutALimit() {
        assertThat(read("RateLimit", "remaining=3, reset=8")).isEmpty();
        assertThat(read("RateLimit-Policy", "\"default\";w=60")).isEmpty();
        assertThat(read(Headers.of(), new ResetWindow())).isEmpty();
    }

    @Test
    void rejectsAnEmptyAllowance() {
        assertThatThrownBy(() -> new RateAllowance(0, Duration.ofSeconds(1), "x"))
                .hasMessageContaining("at least 1 request");
        assertThatThrownBy(() -> new RateAllowance(5, Duration.ZERO, "x")).hasMessageContaining("positive window");
    }
}

package dev.tributary.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    private final RetryAfter retryAfter =
            new RetryAfter(Clock.fixed(Instant.parse("2026-10-21T07:28:00Z"), ZoneOffset.UTC));

    @Test
    void readsWholeSeconds() {
        assertThat(retryAfter.parse("2")).contains(Duration.ofSeconds(2));
    }

    @Test
    void readsFractionalSeconds() {
        assertThat(retryAfter.parse(" 1.5 ")).contains(Duration.ofMillis(1500));
    }

    @Test
    void readsHttpDateRelativeToClock() {
        assertThat(retryAfter.parse("Wed, 21 Oct 2026 07:28:10 GMT")).contains(Duration.ofSeconds(10));
    }

    @Test
    void capsAbsurdSecondsAtOneDay() {
        assertThat(retryAfter.parse("99999999999999999999")).contains(Duration.ofDays(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "", "soon", "Wed, 21 Oct 2026 07:27:00 GMT", "Wed, 21 Oct 2026 07:28:00 GMT"})
    void givesNoHintForZeroPastOrUnreadableValues(String header) {
        assertThat(retryAfter.parse(header)).isEmpty();
    }

    @Test
    void givesNoHintWhenHeaderIsAbsent() {
        assertThat(retryAfter.parse(null)).isEmpty();
    }
}

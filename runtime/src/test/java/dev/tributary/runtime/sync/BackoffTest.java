package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMillis(250));

    @Test
    void jitterSpansZeroToTheExponentialCeiling() {
        assertThat(backoff.delay(1, Optional.empty(), () -> 0.999)).isEqualTo(Duration.ofMillis(999));
        assertThat(backoff.delay(3, Optional.empty(), () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void ceilingIsCapped() {
        assertThat(backoff.delay(30, Optional.empty(), () -> 0.5)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void neverWaitsLessThanTheMinimumEvenWithZeroJitterOrHint() {
        assertThat(backoff.delay(1, Optional.empty(), () -> 0.0)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.delay(1, Optional.of(Duration.ZERO), () -> 0.9)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(-30)), () -> 0.9))
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void serverHintWins() {
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(30)), () -> 0.1)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> backoff.delay(0, Optional.empty(), () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

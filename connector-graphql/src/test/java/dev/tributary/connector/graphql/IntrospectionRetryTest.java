package dev.tributary.connector.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The waits of {@link IntrospectionRetry}, with a fixed jitter. */
class IntrospectionRetryTest {

    private static IntrospectionRetry retry(int maxRetries, double jitter) {
        return new IntrospectionRetry(maxRetries, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMillis(250), () -> jitter);
    }

    private static final TransientException BAD_GATEWAY = new TransientException("HTTP 502", null);

    @Test
    void waitsGrowExponentiallyWithJitterUpToTheCap() {
        IntrospectionRetry retry = retry(10, 0.5);

        assertThat(retry.delay(1, BAD_GATEWAY)).contains(Duration.ofMillis(500));
        assertThat(retry.delay(2, BAD_GATEWAY)).contains(Duration.ofMillis(1000));
        assertThat(retry.delay(4, BAD_GATEWAY)).contains(Duration.ofMillis(4000));
        assertThat(retry.delay(10, BAD_GATEWAY)).contains(Duration.ofSeconds(30));
    }

    @Test
    void neverLessThanTheMinimum() {
        assertThat(retry(3, 0.0).delay(1, BAD_GATEWAY)).contains(Duration.ofMillis(250));
    }

    @Test
    void noRetryBeyondMaxRetries() {
        IntrospectionRetry retry = retry(2, 0.5);

        assertThat(retry.delay(2, BAD_GATEWAY)).isPresent();
        assertThat(retry.delay(3, BAD_GATEWAY)).isEmpty();
        assertThat(retry(0, 0.5).delay(1, BAD_GATEWAY)).isEmpty();
    }

    @Test
    void theServersRetryAfterIsWaitedUnlessItIsLongerThanTheCap() {
        IntrospectionRetry retry = retry(5, 0.5);

        assertThat(retry.delay(1, new RateLimitedException("429", Optional.of(Duration.ofSeconds(7)))))
                .contains(Duration.ofSeconds(7));
        assertThat(retry.delay(1, new TransientException("503", null, Optional.of(Duration.ofSeconds(2)))))
                .contains(Duration.ofSeconds(2));
        assertThat(retry.delay(1, new RateLimitedException("429", Optional.of(Duration.ofMinutes(5))))).isEmpty();
    }

    @Test
    void onlyTransientFailuresAndRateLimitsAreRetried() {
        assertThat(IntrospectionRetry.isTransient(BAD_GATEWAY)).isTrue();
        assertThat(IntrospectionRetry.isTransient(new RateLimitedException("429", Optional.empty()))).isTrue();
        assertThat(IntrospectionRetry.isTransient(new UncheckedIOException(new IOException("reset")))).isTrue();
        assertThat(IntrospectionRetry.isTransient(new PermanentException("Introspection has been disabled")))
                .isFalse();
        assertThat(IntrospectionRetry.isTransient(new AuthenticationException("HTTP 401"))).isFalse();
    }

    @Test
    void rejectsABackoffThatCouldSpin() {
        assertThatThrownBy(() -> new IntrospectionRetry(1, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO,
                () -> 0.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 < base");
        assertThatThrownBy(() -> retry(-1, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRetries");
    }
}

package dev.tributary.connector.close;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import dev.tributary.testkit.CountingRateLimiter;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloseErrorHandlingTest {

    private FakeCloseServer server;
    private CloseSession session;

    @BeforeEach
    void start() throws IOException {
        server = CloseData.install(new FakeCloseServer());
        session = new CloseSession(server);
    }

    @AfterEach
    void stop() {
        session.close();
        server.close();
    }

    @Test
    void rateLimitedWithLegacyJsonBodyWaitsRateReset() {
        server.fail(FakeCloseServer.page("lead/", 5), 1,
                FakeCloseServer.json(429, CloseFixtures.error("429_legacy_json_body")));
        BatchRecorder run = new BatchRecorder();

        assertThatThrownBy(() -> session.connector.fetchEntity(session.options("leads", run).batchSize(5).build()))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(1)))
                .hasMessage("GET /api/v1/lead/: HTTP 429: API call count exceeded for this 15 second window");
        assertThat(run.records()).hasSize(5);
    }

    @Test
    void rateLimitedWithoutBodyUsesHeaders() {
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = CloseFixtures.error("429_headers_current");
        server.fail(FakeCloseServer.page("opportunity/", 0), 1, new MockResponse.Builder().code(429)
                .addHeader("RateLimit", headers.get("RateLimit"))
                .addHeader("Retry-After", headers.get("Retry-After"))
                .addHeader("RateLimit-Reset", headers.get("RateLimit-Reset"))
                .build());

        assertThatThrownBy(() -> session.fetch("opportunities", 10))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(1)))
                .hasMessage("GET /api/v1/opportunity/: HTTP 429");
    }

    @Test
    void rateLimitedWithEmptyJsonBodyAndOnlyRateLimitHeaderWaitsForReset() {
        server.fail(FakeCloseServer.page("contact/", 0), 1, new MockResponse.Builder().code(429)
                .addHeader("RateLimit", "limit=100; remaining=0; reset=3").body("{}").build());

        assertThatThrownBy(() -> session.fetch("contacts", 10))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=100, remaining=0, reset=4", "limit=100; remaining=0; reset=4"})
    void waitsForTheNextWindowOnceTheBudgetIsUsedUp(String header) {
        server.header("RateLimit", header);

        session.fetch("users", 10);

        assertThat(session.limiter.pauses()).singleElement()
                .satisfies(pause -> assertThat(pause.duration()).isEqualTo(Duration.ofSeconds(4)));
    }

    @Test
    void readsLegacyRateLimitHeaders() {
        server.header("X-Rate-Limit-Limit", "600").header("X-Rate-Limit-Remaining", "0")
                .header("X-Rate-Limit-Reset", "1.5");

        session.fetch("users", 10);

        assertThat(session.limiter.pauses()).extracting(CountingRateLimiter.Pause::duration)
                .containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void reportsTheLimitCloseStatesSoTheBudgetFollowsIt() {
        server.header("RateLimit", "limit=16; remaining=14; reset=1");

        session.fetch("users", 10);

        assertThat(session.limiter.reportedLimits()).isNotEmpty().allSatisfy(reported -> {
            assertThat(reported.requests()).isEqualTo(16);
            assertThat(reported.window()).isEqualTo(Duration.ofSeconds(1));
        });
    }

    @Test
    void doesNotPauseWithBudgetLeft() {
        server.header("RateLimit", "limit=160; remaining=159; reset=8");

        session.fetch("users", 10);

        assertThat(session.limiter.pauses()).isEmpty();
    }

    @Test
    void revokedKeyDuringFetchIsAuthenticationFailure() {
        server.fail(FakeCloseServer.page("lead/", 0), 1,
                FakeCloseServer.json(401, Map.of("error", "The API key you provided is invalid.")));

        assertThatThrownBy(() -> session.fetch("leads", 10))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("GET /api/v1/lead/: HTTP 401: The API key you provided is invalid.")
                .message().doesNotContain(FakeCloseServer.API_KEY);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreTransient(int status) {
        server.fail(FakeCloseServer.page("activity/", 0), 1, new MockResponse.Builder().code(status).build());

        assertThatThrownBy(() -> session.fetch("activities", 10))
                .isInstanceOf(TransientException.class)
                .hasMessage("GET /api/v1/activity/: HTTP " + status);
    }

    @Test
    void validationErrorBodyNamesTheField() {
        server.fail(FakeCloseServer.page("contact/", 0), 1,
                FakeCloseServer.json(400, CloseFixtures.error("400_validation")));

        assertThatThrownBy(() -> session.fetch("contacts", 10))
                .isInstanceOf(PermanentException.class)
                .hasMessage("GET /api/v1/contact/: HTTP 400: field 'lead': This field is required.");
    }

    @Test
    void plainErrorBodyIsQuoted() {
        server.fail(FakeCloseServer.page("user/", 0), 1,
                FakeCloseServer.json(403, Map.of("error", "You don't have permission to list users.")));

        assertThatThrownBy(() -> session.fetch("users", 10))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("GET /api/v1/user/: HTTP 403: You don't have permission to list users.");
    }

    @Test
    void truncatedPageIsTransient() {
        server.fail(FakeCloseServer.page("user/", 0), 1, new MockResponse.Builder().code(200)
                .body("{\"has_more\": false, \"data\": [{\"id\": \"user_1\"").build());

        assertThatThrownBy(() -> session.fetch("users", 10))
                .isInstanceOf(TransientException.class)
                .hasMessageContaining("truncated or malformed JSON");
    }

    @Test
    void limitAboveCloseCapIsReportedNotRetried() {
        // Close answers 400 when _limit is too large for a resource; the message says which parameter.
        server.fail(FakeCloseServer.page("user/", 0), 1,
                FakeCloseServer.json(400, Map.of("error", "_limit must be at most 50")));

        assertThatThrownBy(() -> session.fetch("users", 100))
                .isInstanceOf(PermanentException.class)
                .hasMessageEndingWith("_limit must be at most 50");
    }
}

package dev.tributary.connector.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.connector.stripe.TestSupport.CountingRateLimiter;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeConnectorTestConnectionTest {

    private FakeStripe fake;

    @BeforeEach
    void startFake() {
        fake = FakeStripe.start(TestSupport.API_KEY);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private StripeConnector connector(String key, String base, RateLimiter limiter) {
        return TestSupport.initialized(Map.of(StripeConfig.API_KEY, key, StripeConfig.API_BASE_URL, base),
                Clock.systemUTC(), limiter);
    }

    @Test
    void validKeySucceedsWithOneCheapRequestThroughTheRateLimiter() {
        CountingRateLimiter limiter = new CountingRateLimiter();

        ConnectionTestResult result = connector(TestSupport.API_KEY, fake.baseUrl(), limiter).testConnection();

        assertThat(result.success()).isTrue();
        assertThat(result.message()).contains("test mode").doesNotContain("Canary");
        assertThat(fake.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/v1/customers");
            assertThat(request.rawQuery()).isEqualTo("limit=1");
        });
        assertThat(limiter.acquired.get()).isEqualTo(1);
    }

    @Test
    void invalidKeyReportsAuthenticationFailedWithStripesMessage() {
        ConnectionTestResult result = connector("sk_test_OtherCanary4321", fake.baseUrl(), RateLimiter.unlimited())
                .testConnection();

        assertThat(result.success()).isFalse();
        assertThat(result.message()).startsWith("authentication failed: Invalid API Key provided")
                .doesNotContain("OtherCanary").doesNotContain("4321");
    }

    @Test
    void unreachableServerReportsANetworkProblem() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ConnectionTestResult result = connector(TestSupport.API_KEY, "http://127.0.0.1:" + closedPort,
                RateLimiter.unlimited()).testConnection();

        assertThat(result.success()).isFalse();
        assertThat(result.message()).startsWith("network problem").contains("127.0.0.1");
    }

    @Test
    void serverErrorReportsStripeUnavailable() {
        fake.failNextWithExample("/v1/customers", 500, "500_api_error", Map.of());

        ConnectionTestResult result = connector(TestSupport.API_KEY, fake.baseUrl(), RateLimiter.unlimited())
                .testConnection();

        assertThat(result.success()).isFalse();
        assertThat(result.message()).startsWith("Stripe is unavailable").contains("HTTP 500");
    }

    @Test
    void rateLimitReportsRateLimited() {
        fake.failNextWithExample("/v1/customers", 429, "429_rate_limit", Map.of());

        ConnectionTestResult result = connector(TestSupport.API_KEY, fake.baseUrl(), RateLimiter.unlimited())
                .testConnection();

        assertThat(result.message()).startsWith("rate limited by Stripe");
    }

    @Test
    void uninitializedConnectorFailsInsteadOfThrowing() {
        ConnectionTestResult result = new StripeConnector().testConnection();

        assertThat(result.success()).isFalse();
        assertThat(result.message()).contains("not initialized");
    }
}

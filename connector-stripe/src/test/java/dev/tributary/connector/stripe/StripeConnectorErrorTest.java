package dev.tributary.connector.stripe;

import static dev.tributary.connector.stripe.TestSupport.connector;
import static dev.tributary.connector.stripe.TestSupport.expected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.connector.stripe.FakeStripe.Resource;
import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeConnectorErrorTest {

    private FakeStripe fake;
    private StripeConnector connector;

    @BeforeEach
    void startFake() {
        fake = FakeStripe.start(TestSupport.API_KEY);
        connector = connector(fake);
        for (int i = 0; i < 30; i++) {
            fake.create(Resource.CUSTOMERS);
        }
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private void fetchCustomers() {
        new ReplicaTable("customers").sync(connector, 10);
    }

    @Test
    void rateLimitWithRetryAfterBecomesRateLimitedExceptionWithThatDelay() {
        fake.failNextWithExample("/v1/customers", 429, "429_rate_limit", Map.of("Retry-After", "7"));

        assertThatThrownBy(this::fetchCustomers).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(e.getMessage()).contains("rate_limit").contains("Request rate limit exceeded")
                    .contains("GET /v1/customers").contains("request req_");
        });
    }

    @Test
    void rateLimitWithoutRetryAfterLeavesTheDelayToTheRuntime() {
        fake.failNextWithExample("/v1/customers", 429, "429_rate_limit", Map.of());

        assertThatThrownBy(this::fetchCustomers).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfter()).isEmpty());
    }

    @Test
    void lockTimeoutIsRateLimitedToo() {
        fake.failNextWithExample("/v1/customers", 429, "429_lock_timeout", Map.of("Stripe-Should-Retry", "true"));

        assertThatThrownBy(this::fetchCustomers).isInstanceOf(RateLimitedException.class)
                .hasMessageContaining("lock_timeout");
    }

    @Test
    void serverErrorIsTransient() {
        fake.failNextWithExample("/v1/customers", 500, "500_api_error", Map.of());

        assertThatThrownBy(this::fetchCustomers).isInstanceOf(TransientException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("An unknown error occurred");
    }

    @Test
    void serviceUnavailableKeepsRetryAfter() {
        fake.failNext("/v1/customers", 503, Map.of("Retry-After", "30"), "<html>down for maintenance</html>");

        assertThatThrownBy(this::fetchCustomers).isInstanceOfSatisfying(TransientException.class, e -> {
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
            assertThat(e.getMessage()).contains("HTTP 503").contains("unreadable error response");
        });
    }

    @Test
    void stripeShouldRetryFalseIsPermanent() {
        fake.failNext("/v1/customers", 500, Map.of("Stripe-Should-Retry", "false"),
                "{\"error\":{\"type\":\"api_error\",\"message\":\"do not retry this\"}}");

        assertThatThrownBy(this::fetchCustomers).isInstanceOf(PermanentException.class)
                .hasMessageContaining("Stripe-Should-Retry: false");
    }

    @Test
    void invalidKeyIsAnAuthenticationFailureNamingTheFieldButNotTheKey() {
        StripeConnector wrongKey = TestSupport.initialized(Map.of(StripeConfig.API_KEY, "sk_test_WrongCanary9876",
                StripeConfig.API_BASE_URL, fake.baseUrl()), java.time.Clock.systemUTC(), RateLimiter.unlimited());

        assertThatThrownBy(() -> new ReplicaTable("customers").sync(wrongKey, 10))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Invalid API Key provided").hasMessageContaining("api_key")
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("WrongCanary").hasMessageNotContaining("9876");
    }

    @Test
    void keyEchoedByTheServerIsMaskedWhateverItsShape() {
        StripeConnector oddKey = TestSupport.initialized(Map.of(StripeConfig.API_KEY, "sk_Canary",
                StripeConfig.API_BASE_URL, fake.baseUrl()), java.time.Clock.systemUTC(), RateLimiter.unlimited());

        assertThatThrownBy(() -> new ReplicaTable("customers").sync(oddKey, 10))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("Invalid API Key provided: [key]")
                .hasMessageNotContaining("Canary").hasMessageNotContaining("nary");
    }

    @Test
    void missingPermissionIsAnAuthenticationFailure() {
        fake.failNext("/v1/customers", 403, Map.of(), "{\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"The provided key 'rk_test_****abcd' does not have the required permissions\"}}");

        assertThatThrownBy(this::fetchCustomers).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("lacks permission").hasMessageNotContaining("abcd");
    }

    @Test
    void rejectedParameterIsPermanentAndNamed() {
        fake.failNextWithExample("/v1/customers", 400, "400_bad_param", Map.of());

        assertThatThrownBy(this::fetchCustomers).isInstanceOf(PermanentException.class)
                .hasMessageContaining("parameter 'limit'").hasMessageContaining("less than or equal to 100");
    }

    @Test
    void malformedJsonIsPermanent() {
        fake.failNext("/v1/customers", 200, Map.of(), "{\"object\":\"list\",\"data\":[{\"id\":\"cus_1\"");

        assertThatThrownBy(this::fetchCustomers).isInstanceOf(PermanentException.class)
                .hasMessageContaining("malformed JSON").hasMessageContaining("GET /v1/customers");
    }

    @Test
    void jsonThatIsNotAListIsPermanent() {
        fake.failNext("/v1/customers", 200, Map.of(), "{\"object\":\"customer\",\"id\":\"cus_1\"}");

        assertThatThrownBy(this::fetchCustomers).isInstanceOf(PermanentException.class)
                .hasMessageContaining("is not a list");
    }

    @Test
    void unreachableServerIsATransientNetworkError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StripeConnector offline = TestSupport.initialized(Map.of(StripeConfig.API_KEY, TestSupport.API_KEY,
                StripeConfig.API_BASE_URL, "http://127.0.0.1:" + closedPort), java.time.Clock.systemUTC(),
                RateLimiter.unlimited());

        assertThatThrownBy(() -> new ReplicaTable("customers").sync(offline, 10))
                .isInstanceOf(TransientException.class).hasMessageContaining("network error");
    }

    @Test
    void failuresInTheMiddleAreRetriedByTheRuntimeFromTheLastStateWithoutRefetching() {
        for (int i = 0; i < 30; i++) {
            fake.create(Resource.CUSTOMERS);
        }
        FlakyLimiter flaky = new FlakyLimiter(fake, 4, 7); // permit 1 reads the event position, 2.. the pages
        ReplicaTable table = new ReplicaTable("customers").sync(connector, 10, 3, flaky, System.getLogger("test"));

        assertThat(table.failuresSeen()).isEqualTo(2);
        assertThat(table.rowsAsJson()).isEqualTo(expected(fake, Resource.CUSTOMERS));
        List<String> queries = fake.requests("/v1/customers").stream().map(FakeStripe.ReceivedRequest::rawQuery)
                .toList();
        assertThat(queries).as("6 pages plus the 2 failed requests, no page fetched again after success").hasSize(8);
        assertThat(queries.stream().distinct()).hasSize(6);
    }

    @Test
    void unknownEntityIsPermanentAndListsTheEntities() {
        assertThatThrownBy(() -> new ReplicaTable("refunds").sync(connector, 10))
                .isInstanceOf(PermanentException.class).hasMessageContaining("'refunds'")
                .hasMessageContaining("customers, subscriptions, charges, invoices, products, plans, prices");
    }

    /** A rate limiter that, on chosen permits, makes the fake fail the request about to be sent (500, then 429). */
    private static final class FlakyLimiter implements RateLimiter {
        private final FakeStripe fake;
        private final int[] failing;
        private int permits;

        FlakyLimiter(FakeStripe fake, int... failing) {
            this.fake = fake;
            this.failing = failing.clone();
        }

        @Override
        public void acquire() {
            permits++;
            for (int number : failing) {
                if (number == permits) {
                    boolean even = number % 2 == 0;
                    fake.failNextWithExample("/v1/customers", even ? 500 : 429,
                            even ? "500_api_error" : "429_rate_limit", Map.of());
                }
            }
        }

        @Override
        public void pause(Duration duration, String reason) {
        }
    }

    @Test
    void retryAfterAsHttpDateIsRelativeToTheClock() {
        String inTwoMinutes = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(fake.now().plus(Duration.ofMinutes(2)).atZone(java.time.ZoneOffset.UTC));
        fake.failNextWithExample("/v1/customers", 429, "429_rate_limit", Map.of("Retry-After", inTwoMinutes));

        assertThatThrownBy(this::fetchCustomers).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Optional.of(Duration.ofMinutes(2))));
    }
}

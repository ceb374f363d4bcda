package dev.tributary.connector.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.ratelimit.RateLimiter;
import dev.tributary.spi.ratelimit.RequestBudget;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StripeRequestBudgetTest {

    private static RequestBudget budgetFor(String key) {
        return TestSupport.initialized(Map.of(StripeConfig.API_KEY, key), Clock.systemUTC(), RateLimiter.unlimited())
                .defaultRequestBudget().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({"sk_live_abc", "rk_live_abc"})
    void aLiveKeyGetsTheLiveBudget(String key) {
        RequestBudget budget = budgetFor(key);

        assertThat(budget.requestsPerSecond()).isEqualTo(80);
        assertThat(budget.basis()).contains("live mode allows 100");
    }

    @ParameterizedTest
    @CsvSource({"sk_test_abc", "rk_test_abc"})
    void aTestKeyGetsTheTestBudget(String key) {
        RequestBudget budget = budgetFor(key);

        assertThat(budget.requestsPerSecond()).isEqualTo(20);
        assertThat(budget.basis()).contains("test mode allows 25");
    }

    @ParameterizedTest
    @CsvSource({"sk_live_abc", "sk_test_abc"})
    void theBudgetNeverShowsTheKey(String key) {
        assertThat(budgetFor(key).basis()).doesNotContain(key);
    }
}

package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.config.Settings;
import dev.tributary.spi.ratelimit.RequestBudget;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceBudgetTest {

    private static final Optional<RequestBudget> STRIPE_LIVE =
            Optional.of(new RequestBudget(80, 1, "Stripe live mode allows 100 read requests/s"));

    @Test
    void theConnectorsDeclaredBudgetIsUsedWhenTheUserSetsNoRate() {
        SourceBudget budget = SourceBudget.choose(Settings.DEFAULTS, false, STRIPE_LIVE);

        assertThat(budget.requestsPerSecond()).isEqualTo(80);
        assertThat(budget.origin()).isEqualTo(SourceBudget.Origin.CONNECTOR);
        assertThat(budget.basis()).isEqualTo("Stripe live mode allows 100 read requests/s");
    }

    @Test
    void aRateTheUserSetWinsOverTheConnectorsBudget() {
        SourceBudget budget = SourceBudget.choose(Settings.DEFAULTS.withRequestsPerSecond(5), false, STRIPE_LIVE);

        assertThat(budget.requestsPerSecond()).isEqualTo(5);
        assertThat(budget.origin()).isEqualTo(SourceBudget.Origin.SETTING);
    }

    @Test
    void anExplicitRateEqualToTheRuntimeDefaultStillWins() {
        SourceBudget budget = SourceBudget.choose(Settings.DEFAULTS, true, STRIPE_LIVE);

        assertThat(budget.requestsPerSecond()).isEqualTo(Settings.DEFAULTS.requestsPerSecond());
        assertThat(budget.origin()).isEqualTo(SourceBudget.Origin.SETTING);
    }

    @Test
    void aConnectorThatDeclaresNoBudgetGetsTheRuntimeDefault() {
        SourceBudget budget = SourceBudget.choose(Settings.DEFAULTS, false, Optional.empty());

        assertThat(budget.requestsPerSecond()).isEqualTo(Settings.DEFAULTS.requestsPerSecond());
        assertThat(budget.origin()).isEqualTo(SourceBudget.Origin.RUNTIME_DEFAULT);
    }

    @Test
    void theDescriptionNamesRateOriginAndBasis() {
        SourceBudget budget = SourceBudget.choose(Settings.DEFAULTS, false, STRIPE_LIVE);

        assertThat(budget.describe()).isEqualTo("80 req/s (connector: Stripe live mode allows 100 read requests/s)");
    }
}

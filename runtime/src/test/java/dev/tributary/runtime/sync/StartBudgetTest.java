package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.ratelimit.RequestBudget;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class StartBudgetTest {

    private final SyncEngine engine = new SyncEngine();
    private final TokenBucket limiter = engine.rateLimiter(Settings.DEFAULTS);

    /** A connector declaring its budget through {@code declaration}; it is never asked to fetch. */
    private static final class DeclaringConnector extends BaseConnector {
        private final Supplier<Optional<RequestBudget>> declaration;

        DeclaringConnector(Supplier<Optional<RequestBudget>> declaration) {
            this.declaration = declaration;
        }

        @Override
        public ConnectorMetadata getMetadata() {
            return ConnectorMetadata.builder("declaring").name("Declaring").version("1.0").description("test")
                    .supportedEntities(EntityDescriptor.of("items")).build();
        }

        @Override
        public ConnectionTestResult testConnection() {
            return ConnectionTestResult.success("ok");
        }

        @Override
        public void fetchEntity(FetchOptions options) {
            throw new UnsupportedOperationException("not fetched in these tests");
        }

        @Override
        public Optional<RequestBudget> defaultRequestBudget() {
            return declaration.get();
        }
    }

    @Test
    void theDeclaredBudgetStartsTheLimiter() {
        SourceBudget budget = engine.startBudget(limiter,
                new DeclaringConnector(() -> Optional.of(new RequestBudget(40, 2, "the API allows 50/s"))),
                Settings.DEFAULTS, false);

        assertThat(budget.origin()).isEqualTo(SourceBudget.Origin.CONNECTOR);
        assertThat(limiter.requestsPerSecond()).isEqualTo(40);
    }

    @Test
    void aConnectorWhoseDeclarationThrowsGetsTheRuntimeDefaultAndTheSyncGoesOn() {
        SourceBudget budget = engine.startBudget(limiter, new DeclaringConnector(() -> {
            throw new IllegalStateException("budget table not loaded");
        }), Settings.DEFAULTS, false);

        assertThat(budget.origin()).isEqualTo(SourceBudget.Origin.RUNTIME_DEFAULT);
        assertThat(budget.basis()).contains("failed to declare");
        assertThat(limiter.requestsPerSecond()).isEqualTo(Settings.DEFAULTS.requestsPerSecond());
    }

    @Test
    void aConnectorReturningNullInsteadOfEmptyGetsTheRuntimeDefault() {
        SourceBudget budget = engine.startBudget(limiter, new DeclaringConnector(() -> null), Settings.DEFAULTS,
                false);

        assertThat(budget.origin()).isEqualTo(SourceBudget.Origin.RUNTIME_DEFAULT);
        assertThat(budget.basis()).contains("declares no budget");
    }

    @Test
    void theUsersRateWinsEvenWhenTheDeclarationThrows() {
        SourceBudget budget = engine.startBudget(limiter, new DeclaringConnector(() -> {
            throw new IllegalStateException("boom");
        }), Settings.DEFAULTS.withRequestsPerSecond(3), true);

        assertThat(budget.origin()).isEqualTo(SourceBudget.Origin.SETTING);
        assertThat(limiter.requestsPerSecond()).isEqualTo(3);
    }
}

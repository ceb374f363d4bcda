package dev.tributary.connector.graphql;

import static dev.tributary.connector.graphql.QueryConfigs.cursorPeople;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.ratelimit.RequestBudget;
import dev.tributary.testkit.CountingRateLimiter;
import dev.tributary.testkit.FakeConnectorContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphqlRequestBudgetTest {

    private static Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("endpoint", "http://127.0.0.1:9/graphql");
        values.put("queries", List.of(cursorPeople()));
        return values;
    }

    private static GraphqlConnector initialized(Map<String, Object> values) {
        GraphqlConnector connector = new GraphqlConnector();
        connector.initialize(new FakeConnectorContext(Config.of(values, connector.getMetadata().configSchema()),
                Settings.DEFAULTS, "test-graphql", new CountingRateLimiter(), System.getLogger("test-graphql")));
        return connector;
    }

    @Test
    void withoutTheFieldTheBudgetIsTheConservativeDefault() {
        try (GraphqlConnector connector = initialized(values())) {
            RequestBudget budget = connector.defaultRequestBudget().orElseThrow();

            assertThat(budget.requestsPerSecond()).isEqualTo(RequestRate.DEFAULT_REQUESTS_PER_SECOND);
            assertThat(budget.basis()).contains("conservative default");
        }
    }

    @Test
    void theConfiguredRateIsTheBudget() {
        Map<String, Object> values = values();
        values.put("requests_per_second", 40);

        try (GraphqlConnector connector = initialized(values)) {
            assertThat(connector.defaultRequestBudget().orElseThrow().requestsPerSecond()).isEqualTo(40);
        }
    }

    @Test
    void aRateThatIsNotPositiveNamesTheField() {
        Map<String, Object> values = values();
        values.put("requests_per_second", 0);

        assertThatThrownBy(() -> initialized(values)).isInstanceOfSatisfying(InvalidConfigException.class,
                e -> assertThat(e.field()).isEqualTo("requests_per_second"));
    }
}

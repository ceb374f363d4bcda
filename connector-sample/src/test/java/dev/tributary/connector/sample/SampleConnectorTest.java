package dev.tributary.connector.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.testkit.CountingRateLimiter;
import dev.tributary.testkit.FakeConnectorContext;
import dev.tributary.testkit.RecordingBatches;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SampleConnectorTest {

    private final CountingRateLimiter limiter = new CountingRateLimiter();

    private SampleConnector connector(Map<String, ?> config) {
        SampleConnector connector = new SampleConnector();
        connector.initialize(FakeConnectorContext.of(connector, config).withRateLimiter(limiter));
        return connector;
    }

    private static RecordingBatches fetch(SampleConnector connector, FetchOptions.Builder options) {
        RecordingBatches batches = new RecordingBatches();
        connector.fetchEntity(options.onBatch(batches).build());
        return batches;
    }

    @Test
    void generatesTheConfiguredNumberOfRecordsInPagesOfTheBatchSizeOneRequestEach() {
        SampleConnector connector = connector(Map.of("records", 25));

        RecordingBatches batches = fetch(connector, FetchOptions.builder("customers").batchSize(10)
                .rateLimiter(limiter));

        assertThat(batches.batches()).extracting(batch -> batch.records().size()).containsExactly(10, 10, 5);
        assertThat(batches.states()).containsExactly("10", "20", "25");
        assertThat(batches.records()).extracting(r -> r.get("id"))
                .startsWith("cus_000001", "cus_000002").endsWith("cus_000025");
        assertThat(limiter.acquired()).isEqualTo(3);
    }

    @Test
    void defaultsToAThousandRecords() {
        RecordingBatches batches = fetch(connector(Map.of()), FetchOptions.builder("orders").batchSize(500));

        assertThat(batches.records()).hasSize(1000);
    }

    @Test
    void recordsAreJsonValuesWithAnIsoCreatedTimestampThatGrowsWithThePosition() {
        List<Map<String, Object>> orders = fetch(connector(Map.of("records", 3)), FetchOptions.builder("orders"))
                .records();

        assertThat(orders).extracting(r -> r.get("created"))
                .containsExactly("2024-01-01T00:00:00Z", "2024-01-01T00:20:00Z", "2024-01-01T00:40:00Z");
        assertThat(orders.get(0)).containsKeys("id", "customer_id", "amount", "currency", "status", "coupon");
        assertThat(orders.get(0).get("amount")).isInstanceOf(Long.class);
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherValuesUnderTheSameIds() {
        List<Map<String, Object>> first = fetch(connector(Map.of("records", 20, "seed", 7)),
                FetchOptions.builder("customers")).records();
        List<Map<String, Object>> again = fetch(connector(Map.of("records", 20, "seed", 7)),
                FetchOptions.builder("customers").batchSize(3)).records();
        List<Map<String, Object>> other = fetch(connector(Map.of("records", 20, "seed", 8)),
                FetchOptions.builder("customers")).records();

        assertThat(again).isEqualTo(first);
        assertThat(other).extracting(r -> r.get("id")).isEqualTo(first.stream().map(r -> r.get("id")).toList());
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void keepsNullCouponsAsData() {
        List<Map<String, Object>> orders = fetch(connector(Map.of("records", 50)), FetchOptions.builder("orders"))
                .records();

        assertThat(orders).anySatisfy(order -> assertThat(order).containsEntry("coupon", null));
    }

    @Test
    void resumesAfterTheLastCommittedPosition() {
        SampleConnector connector = connector(Map.of("records", 25));
        List<Map<String, Object>> all = fetch(connector, FetchOptions.builder("orders")).records();

        RecordingBatches resumed = fetch(connector, FetchOptions.builder("orders").batchSize(10).resumeState("20"));

        assertThat(resumed.records()).isEqualTo(all.subList(20, 25));
        assertThat(resumed.states()).containsExactly("25");
    }

    @Test
    void sinceReturnsOnlyRecordsCreatedAtOrAfterIt() {
        SampleConnector connector = connector(Map.of("records", 10));

        List<Map<String, Object>> exact = fetch(connector, FetchOptions.builder("customers")
                .since(Instant.parse("2024-01-01T07:00:00Z"))).records();
        List<Map<String, Object>> between = fetch(connector, FetchOptions.builder("customers")
                .since(Instant.parse("2024-01-01T06:59:59.5Z"))).records();
        List<Map<String, Object>> future = fetch(connector, FetchOptions.builder("customers")
                .since(Instant.parse("9999-01-01T00:00:00Z"))).records();

        assertThat(exact).extracting(r -> r.get("id")).containsExactly("cus_000008", "cus_000009", "cus_000010");
        assertThat(between).isEqualTo(exact);
        assertThat(future).isEmpty();
    }

    @Test
    void stopsBeforeTheNextRequestOnceCancelled() {
        SampleConnector connector = connector(Map.of("records", 100));
        AtomicBoolean cancelled = new AtomicBoolean();
        RecordingBatches batches = new RecordingBatches();
        FetchOptions options = FetchOptions.builder("orders").batchSize(10).rateLimiter(limiter)
                .cancelled(cancelled::get)
                .onBatch(batch -> {
                    batches.accept(batch);
                    cancelled.set(true);
                })
                .build();

        assertThatThrownBy(() -> connector.fetchEntity(options)).isInstanceOf(CancellationException.class);
        assertThat(batches.count()).isEqualTo(1);
        assertThat(limiter.acquired()).isEqualTo(1);
    }

    @Test
    void rejectsARecordCountOutOfRangeNamingTheField() {
        SampleConnector connector = new SampleConnector();
        FakeConnectorContext context = FakeConnectorContext.of(connector, Map.of("records", -1));

        assertThatThrownBy(() -> connector.initialize(context))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("records"));
    }

    @Test
    void refusesAnUnknownEntityAndAForeignResumeStatePermanently() {
        SampleConnector connector = connector(Map.of());

        assertThatThrownBy(() -> connector.fetchEntity(FetchOptions.builder("invoices").build()))
                .isInstanceOf(PermanentException.class).hasMessageContaining("invoices");
        FetchOptions foreignState = FetchOptions.builder("orders").resumeState("cursor=abc").build();
        assertThatThrownBy(() -> connector.fetchEntity(foreignState))
                .isInstanceOf(PermanentException.class).hasMessageContaining("full sync");
    }

    @Test
    void connectionTestSucceedsOfflineThroughTheRateLimiter() {
        Map<String, Object> config = new HashMap<>();
        config.put("records", "42");

        ConnectionTestResult result = connector(config).testConnection();

        assertThat(result.success()).isTrue();
        assertThat(result.message()).contains("42 customers");
        assertThat(limiter.acquired()).isEqualTo(1);
    }
}

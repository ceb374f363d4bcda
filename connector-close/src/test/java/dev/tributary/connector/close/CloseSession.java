package dev.tributary.connector.close;

import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import dev.tributary.testkit.CountingRateLimiter;
import dev.tributary.testkit.FakeConnectorContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link CloseConnector} initialized against a {@link FakeCloseServer}, as the runtime would set it up. */
final class CloseSession implements AutoCloseable {

    final CloseConnector connector = new CloseConnector();
    final CountingRateLimiter limiter = new CountingRateLimiter();

    CloseSession(String baseUrl, String apiKey) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(CloseConnector.API_KEY, apiKey);
        values.put(CloseConnector.API_BASE_URL, baseUrl);
        Config config = Config.of(values, connector.getMetadata().configSchema());
        Settings settings = Settings.DEFAULTS.withRequestTimeout(Duration.ofSeconds(10));
        connector.initialize(new FakeConnectorContext(config, settings, "close-test", limiter,
                System.getLogger("close-test")));
    }

    CloseSession(FakeCloseServer server) {
        this(server.baseUrl(), FakeCloseServer.API_KEY);
    }

    /** Options for one entity run whose batches go to {@code recorder}, through this session's limiter. */
    FetchOptions.Builder options(String entity, BatchRecorder recorder) {
        return FetchOptions.builder(entity).onBatch(recorder).rateLimiter(limiter);
    }

    /** Fetches an entity from the start with the given batch size. */
    BatchRecorder fetch(String entity, int batchSize) {
        BatchRecorder recorder = new BatchRecorder();
        connector.fetchEntity(options(entity, recorder).batchSize(batchSize).build());
        return recorder;
    }

    @Override
    public void close() {
        connector.close();
    }
}

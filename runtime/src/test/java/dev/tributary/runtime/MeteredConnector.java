package dev.tributary.runtime;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A class-path connector for the metrics tests: entity {@code customers} holds {@code count} records with ids
 * {@code cus_RECORDCANARY_<n>} in batches of the batch size, then reports {@code deleted} of them deleted in one more
 * batch; it takes one rate-limiter permit before each batch. The first {@code throttled} fetches throw
 * {@link RateLimitedException}; {@code fail} makes every fetch throw {@link PermanentException}. Its secret
 * {@code api_key} is never used.
 */
public final class MeteredConnector extends BaseConnector {

    static final String RECORD_ID_PREFIX = "cus_RECORDCANARY_";
    /** The body size each page reports with its 200 response. */
    static final long RESPONSE_BYTES = 1_000;

    private final AtomicInteger throttledSoFar = new AtomicInteger();

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("metered").name("Metered").version("1.0").description("counts meters")
                .supportedEntities(EntityDescriptor.of("customers"))
                .configFields(ConfigField.builder("api_key", ConfigFieldType.STRING).secret().build(),
                        ConfigField.builder("count", ConfigFieldType.INTEGER).defaultValue("3").build(),
                        ConfigField.builder("deleted", ConfigFieldType.INTEGER).defaultValue("0").build(),
                        ConfigField.builder("throttled", ConfigFieldType.INTEGER).defaultValue("0").build(),
                        ConfigField.builder("fail", ConfigFieldType.BOOLEAN).defaultValue("false").build())
                .build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("connected");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        if (config().getBoolean("fail").orElse(false)) {
            throw new PermanentException("the customers endpoint answered 400: no such account");
        }
        if (throttledSoFar.getAndIncrement() < config().getLong("throttled").orElse(0L)) {
            options.rateLimiter().responseReceived(429, 0);
            throw new RateLimitedException("429 Too Many Requests", Optional.of(Duration.ofMillis(1)));
        }
        long count = config().getLong("count").orElse(3L);
        long start = options.resumeState().map(Long::parseLong).orElse(0L);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (long i = start + 1; i <= count; i++) {
            batch.add(new LinkedHashMap<>(Map.of("id", RECORD_ID_PREFIX + i, "n", i)));
            if (batch.size() == options.batchSize() || i == count) {
                options.rateLimiter().acquire();
                options.rateLimiter().responseReceived(200, RESPONSE_BYTES);
                options.onBatch(batch, Long.toString(i));
                batch = new ArrayList<>();
            }
        }
        long deleted = config().getLong("deleted").orElse(0L);
        if (deleted > 0 && start <= count) {
            List<Map<String, Object>> keys = new ArrayList<>();
            for (long i = 1; i <= deleted; i++) {
                keys.add(new LinkedHashMap<>(Map.of("id", RECORD_ID_PREFIX + i)));
            }
            options.rateLimiter().acquire();
            options.rateLimiter().responseReceived(200, RESPONSE_BYTES);
            options.onDeleted(keys, Long.toString(count + 1));
        }
    }
}

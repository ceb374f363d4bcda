package dev.tributary.testplugin.simple;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.error.InvalidConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connector without dependencies; reports whether it runs with its own class loader as context class loader, and
 * announces as many requests to the rate limiter as configured.
 */
public class SimpleConnector extends BaseConnector {

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("simple")
                .name("Simple")
                .version("1.0.0")
                .description("Emits numbered items.")
                .supportedEntities(EntityDescriptor.of("items").withDescription("Numbered items"))
                .configFields(ConfigField.builder("count", ConfigFieldType.INTEGER).label("Count")
                        .defaultValue("3").help("How many items to emit").build(),
                        ConfigField.builder("requests", ConfigFieldType.INTEGER).label("Requests")
                        .defaultValue("0").help("How many requests to announce to the rate limiter first").build())
                .icon("icon.svg")
                .build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("context class loader is the plugin's: " + ownLoaderIsContext());
    }

    /** Refuses a negative count while initialising, as connectors refuse configuration they cannot use. */
    @Override
    protected void onInitialize() {
        if (config().getLong("count").orElse(3L) < 0) {
            throw new InvalidConfigException("count", "must not be negative");
        }
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        long count = config().getLong("count").orElse(3L);
        for (long i = config().getLong("requests").orElse(0L); i > 0; i--) {
            options.rateLimiter().acquire();
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (long i = 1; i <= count; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", i);
            record.put("contextLoaderIsPlugin", ownLoaderIsContext());
            records.add(record);
        }
        options.onBatch(records, String.valueOf(count));
    }

    private boolean ownLoaderIsContext() {
        return Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
    }
}

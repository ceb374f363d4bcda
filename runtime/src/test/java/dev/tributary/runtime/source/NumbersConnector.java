package dev.tributary.runtime.source;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory connector: entity {@code numbers} holds records {@code 1..count} (config {@code count}, default 5);
 * the API key {@code bad} fails the connection test. Each fetch runs {@link NumbersWorld#beforeFetch} first, so a
 * test can hold a sync inside the connector.
 */
final class NumbersConnector extends BaseConnector {

    static final ConnectorMetadata METADATA = ConnectorMetadata.builder("numbers").name("Numbers").version("1.0")
            .description("counts")
            .supportedEntities(EntityDescriptor.of("numbers"), EntityDescriptor.of("squares"))
            .configFields(ConfigField.builder("api_key", ConfigFieldType.STRING).required().secret().build(),
                    ConfigField.builder("count", ConfigFieldType.INTEGER).defaultValue("5").build())
            .build();

    private final NumbersWorld world;

    NumbersConnector(NumbersWorld world) {
        this.world = world;
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return METADATA;
    }

    @Override
    public ConnectionTestResult testConnection() {
        if (config().requireString("api_key").equals("bad")) {
            return ConnectionTestResult.failure("authentication failed: the API key was rejected (HTTP 401)");
        }
        return ConnectionTestResult.success("connected");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        world.beforeFetch.run();
        world.batchSizes.add(options.batchSize());
        long count = config().getLong("count").orElseThrow();
        int start = options.resumeState().map(Integer::parseInt).orElse(0);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = start + 1; i <= count; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", i);
            record.put("value", options.entity().equals("squares") ? (long) i * i : i);
            batch.add(record);
            if (batch.size() == options.batchSize() || i == count) {
                options.onBatch(batch, Integer.toString(i));
                batch = new ArrayList<>();
            }
        }
    }
}

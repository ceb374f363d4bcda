package dev.tributary.testplugin.secret;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connector with a secret: {@code api_key} (required, secret) and {@code count} (default 3). An API key starting
 * with {@code bad} fails the connection test. Entity {@code items} holds records {@code 1..count}, in batches of
 * the requested size; the resume state is the last id handed over. It logs its
 * configuration (which prints redacted) so tests can check logs for the secret.
 */
public class SecretiveConnector extends BaseConnector {

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("secretive")
                .name("Secretive")
                .version("1.0.0")
                .description("Emits numbered items behind an API key.")
                .supportedEntities(EntityDescriptor.of("items").withDescription("Numbered items"))
                .configFields(
                        ConfigField.builder("api_key", ConfigFieldType.STRING).label("API key").required().secret()
                                .help("Any text; one starting with 'bad' is rejected").build(),
                        ConfigField.builder("count", ConfigFieldType.INTEGER).label("Count").defaultValue("3")
                                .help("How many items to emit").build())
                .build();
    }

    @Override
    protected void onInitialize() {
        context().logger().log(Level.INFO, "secretive connector initialised with " + config());
    }

    @Override
    public ConnectionTestResult testConnection() {
        if (config().requireString("api_key").startsWith("bad")) {
            return ConnectionTestResult.failure("authentication failed: the API key was rejected (HTTP 401)");
        }
        return ConnectionTestResult.success("authenticated");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        long count = config().getLong("count").orElse(3L);
        long start = options.resumeState().map(Long::parseLong).orElse(0L);
        options.logger().log(Level.INFO, "fetching " + count + " items with " + config());
        List<Map<String, Object>> records = new ArrayList<>();
        for (long i = start + 1; i <= count; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", i);
            records.add(record);
            if (records.size() == options.batchSize() || i == count) {
                options.onBatch(records, String.valueOf(i));
                records = new ArrayList<>();
            }
        }
    }
}

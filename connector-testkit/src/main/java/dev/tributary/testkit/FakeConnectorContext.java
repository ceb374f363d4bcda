package dev.tributary.testkit;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ConnectorContext} for tests: the configuration a test chooses, with the schema's defaults filled in the
 * way the runtime fills them, default {@link Settings}, and a {@link CountingRateLimiter}.
 *
 * <p>Use {@link #of(BaseConnector, Map)} and pass the result to {@link BaseConnector#initialize(ConnectorContext)}.
 * The configuration is not validated beyond what the runtime's conversion of defaults needs: a test may hand a
 * connector deliberately bad values to check its own validation.
 *
 * @param config the configuration, secrets redacted in {@link #toString()}
 * @param settings the sync settings
 * @param dataSourceName the data source's name
 * @param rateLimiter the data source's rate limiter
 * @param logger the data source's logger
 */
public record FakeConnectorContext(
        Config config, Settings settings, String dataSourceName, RateLimiter rateLimiter, System.Logger logger)
        implements ConnectorContext {

    public FakeConnectorContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(dataSourceName, "dataSourceName");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
        Objects.requireNonNull(logger, "logger");
    }

    /**
     * A context for {@code connector} holding {@code values} plus the defaults of its config schema, with
     * {@link Settings#DEFAULTS}, a fresh {@link CountingRateLimiter} and a data source named after the connector.
     */
    public static FakeConnectorContext of(BaseConnector connector, Map<String, ?> values) {
        String id = connector.getMetadata().id();
        return new FakeConnectorContext(configFor(connector.getMetadata().configSchema(), values), Settings.DEFAULTS,
                id, new CountingRateLimiter(), System.getLogger("dev.tributary.testkit." + id));
    }

    /** A copy with other settings. */
    public FakeConnectorContext withSettings(Settings value) {
        return new FakeConnectorContext(config, value, dataSourceName, rateLimiter, logger);
    }

    /** A copy with another rate limiter. */
    public FakeConnectorContext withRateLimiter(RateLimiter value) {
        return new FakeConnectorContext(config, settings, dataSourceName, value, logger);
    }

    /**
     * The configuration the runtime would hand over for {@code values}: text given for whole numbers, numbers and
     * booleans is converted, and every absent field with a default gets it, converted the same way.
     */
    public static Config configFor(ConfigSchema schema, Map<String, ?> values) {
        Map<String, Object> filled = new LinkedHashMap<>(values);
        for (ConfigField field : schema.fields()) {
            Object value = filled.get(field.name());
            if (value == null && field.defaultValue().isPresent()) {
                value = field.defaultValue().get();
            }
            if (value != null) {
                filled.put(field.name(), convert(field, value));
            }
        }
        return Config.of(filled, schema);
    }

    private static Object convert(ConfigField field, Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        try {
            return switch (field.type()) {
                case INTEGER -> Long.parseLong(text.trim());
                case NUMBER -> new BigDecimal(text.trim());
                case BOOLEAN -> text.trim().equalsIgnoreCase("true") || text.trim().equalsIgnoreCase("false")
                        ? Boolean.parseBoolean(text.trim()) : text;
                default -> text;
            };
        } catch (NumberFormatException e) {
            return text;
        }
    }
}

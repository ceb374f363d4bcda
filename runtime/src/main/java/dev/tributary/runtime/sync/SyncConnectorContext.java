package dev.tributary.runtime.sync;

import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.util.Objects;

/**
 * The {@link ConnectorContext} the runtime hands a connector for a sync: validated config, settings, the data
 * source's name and its shared rate limiter. Immutable and thread-safe.
 *
 * @param config the validated configuration
 * @param settings the sync settings
 * @param dataSourceName the data source's name, or the connector id for an ad-hoc sync
 * @param rateLimiter the data source's token bucket, the same one the engine pauses
 */
public record SyncConnectorContext(Config config, Settings settings, String dataSourceName, RateLimiter rateLimiter)
        implements ConnectorContext {

    public SyncConnectorContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(dataSourceName, "dataSourceName");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("dev.tributary.connector." + dataSourceName);
    }
}

package dev.tributary.connector.close;

import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.ratelimit.RateLimiter;

/** A hand-made {@link ConnectorContext} for one test data source. */
record TestContext(Config config, Settings settings, String dataSourceName, RateLimiter rateLimiter,
        System.Logger logger) implements ConnectorContext {
}

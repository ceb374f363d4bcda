package dev.tributary.runtime;

import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.ratelimit.RateLimiter;

/** A {@link ConnectorContext} for tests: the given config, default settings, no rate limit. */
public record TestConnectorContext(Config config) implements ConnectorContext {

    @Override
    public Settings settings() {
        return Settings.DEFAULTS;
    }

    @Override
    public String dataSourceName() {
        return "test";
    }

    @Override
    public RateLimiter rateLimiter() {
        return RateLimiter.unlimited();
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("test");
    }
}

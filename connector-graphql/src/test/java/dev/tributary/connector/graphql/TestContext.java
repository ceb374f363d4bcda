package dev.tributary.connector.graphql;

import dev.tributary.spi.ConnectorContext;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.ratelimit.RateLimiter;

/** A hand-written {@link ConnectorContext} for tests: fixed config and settings, a given rate limiter. */
record TestContext(Config config, Settings settings, RateLimiter rateLimiter) implements ConnectorContext {

    @Override
    public String dataSourceName() {
        return "test-graphql";
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("test-graphql");
    }
}

package dev.tributary.spi;

import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.ratelimit.RateLimiter;

/**
 * The data source a connector instance works for: its validated {@link Config}, its {@link Settings} and the
 * services the runtime shares with it. Implemented by the runtime; handed to
 * {@link BaseConnector#initialize(ConnectorContext)} once, before any other call that needs configuration.
 *
 * <p>Why a context object rather than a constructor argument: {@link java.util.ServiceLoader} needs a public no-arg
 * constructor, and the same class must answer {@link BaseConnector#getMetadata()} for listings before any data
 * source exists. Why not setters: the context is set once and cannot be half-applied.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 1.0
 */
public interface ConnectorContext {

    /** The data source's configuration, already validated against the connector's config schema. */
    Config config();

    /** The data source's sync settings, defaults filled in. */
    Settings settings();

    /** The data source's name, or the connector id for an ad-hoc sync. */
    String dataSourceName();

    /** The rate limiter shared by every request this data source makes, across all of its entities. */
    RateLimiter rateLimiter();

    /** A logger tagged with the data source; never logs secrets on the connector's behalf. */
    System.Logger logger();
}

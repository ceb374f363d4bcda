package dev.tributary.connect;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.config.ConfigValidationException;
import dev.tributary.runtime.config.ConfigValidator;
import dev.tributary.runtime.plugin.ConnectorInfo;
import dev.tributary.runtime.sync.SyncConnectorContext;
import dev.tributary.runtime.sync.SyncEngine;
import dev.tributary.runtime.sync.TokenBucket;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.config.Config;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * A Tributary runtime with one initialised connector instance of a source connector's configuration, and the rate
 * limiter it was initialised with. Closing it closes both.
 */
final class SourceRuntime implements AutoCloseable {

    private final Tributary tributary;
    private final BaseConnector connector;
    private final TokenBucket limiter;
    private final SyncEngine engine;

    private SourceRuntime(Tributary tributary, BaseConnector connector, TokenBucket limiter, SyncEngine engine) {
        this.tributary = tributary;
        this.connector = connector;
        this.limiter = limiter;
        this.engine = engine;
    }

    /**
     * Opens the runtime, validates the connector's configuration and initialises a connector instance.
     *
     * @throws ConnectException naming the connector or the configuration fields at fault (never their values)
     */
    static SourceRuntime open(SourceConfig config) {
        Tributary tributary;
        try {
            tributary = TributaryPlugins.open(config.pluginFolders());
        } catch (IllegalArgumentException e) {
            throw new ConnectException(SourceConfig.PLUGINS_PATH + ": " + e.getMessage(), e);
        }
        try {
            ConnectorInfo info = tributary.registry().connector(config.connectorId()).orElseThrow(() ->
                    new ConnectException(SourceConfig.CONNECTOR + ": no Tributary connector '"
                            + config.connectorId() + "' is installed (installed: " + installed(tributary) + ")"));
            Config validated = new ConfigValidator().validate(config.connectorId(),
                    info.metadata().configSchema(), config.connectorConfig());
            SyncEngine engine = new SyncEngine();
            TokenBucket limiter = engine.rateLimiter(config.settings());
            BaseConnector connector = tributary.registry().create(config.connectorId());
            try {
                connector.initialize(new SyncConnectorContext(validated, config.settings(), config.dataSource(),
                        limiter));
            } catch (RuntimeException e) {
                connector.close();
                throw e;
            }
            return new SourceRuntime(tributary, connector, limiter, engine);
        } catch (ConfigValidationException e) {
            tributary.close();
            throw new ConnectException("invalid configuration of Tributary connector '" + config.connectorId()
                    + "': " + e.problems().stream().map(p -> SourceConfig.CONFIG_PREFIX + p.field() + " "
                            + p.message()).collect(Collectors.joining("; ")), e);
        } catch (RuntimeException e) {
            tributary.close();
            throw e instanceof ConnectException connect ? connect : new ConnectException(e.getMessage(), e);
        }
    }

    static String installed(Tributary tributary) {
        return tributary.registry().connectors().stream().map(ConnectorInfo::id).sorted()
                .collect(Collectors.joining(", "));
    }

    BaseConnector connector() {
        return connector;
    }

    TokenBucket limiter() {
        return limiter;
    }

    SyncEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        try {
            connector.close();
        } finally {
            tributary.close();
        }
    }
}

package dev.tributary.testplugin.staticinit;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.FetchOptions;

/** A broken test connector; see the module description. */
public class ExplodingConnector extends BaseConnector {

    static final int LIMIT = explode();

    private static int explode() {
        throw new IllegalStateException("static initialiser of the test plugin fails on purpose");
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("exploding").build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("ok");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
    }
}

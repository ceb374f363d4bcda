package dev.tributary.testplugin.spimajor;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.FetchOptions;

/** A broken test connector; see the module description. */
public class FutureConnector extends BaseConnector {

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("future").build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("ok");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
    }
}

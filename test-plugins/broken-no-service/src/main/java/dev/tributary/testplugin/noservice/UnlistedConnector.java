package dev.tributary.testplugin.noservice;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.FetchOptions;

/** A connector nobody declared in META-INF/services. */
public class UnlistedConnector extends BaseConnector {

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("unlisted").build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("ok");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
    }
}

package dev.tributary.testplugin.spimissing;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.FetchOptions;

/** A broken test connector; see the module description. */
public class UnversionedConnector extends BaseConnector {

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("unversioned").build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("ok");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
    }
}

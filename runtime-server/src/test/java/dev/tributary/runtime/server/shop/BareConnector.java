package dev.tributary.runtime.server.shop;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.FetchOptions;

/** A test connector without icon or configuration, found on the class path. */
public final class BareConnector extends BaseConnector {

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("bare").name("Bare").version("0.1.0").supportedEntities("things").build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("nothing to connect to");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        // no records
    }
}

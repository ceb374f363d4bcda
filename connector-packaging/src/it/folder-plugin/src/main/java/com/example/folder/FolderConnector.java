package com.example.folder;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.FetchOptions;

/** The smallest connector there is, to be packaged with its dependencies. */
public final class FolderConnector extends BaseConnector {

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("folder").version("1.0.0").supportedEntities("things").build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("nothing to reach");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
    }
}

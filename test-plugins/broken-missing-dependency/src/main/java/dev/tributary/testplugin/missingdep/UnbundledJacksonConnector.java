package dev.tributary.testplugin.missingdep;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.FetchOptions;

/** A broken test connector; see the module description. */
public class UnbundledJacksonConnector extends BaseConnector {

    private final Object mapper = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("unbundled_jackson").build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("ok");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
    }
}

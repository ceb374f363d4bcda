package dev.tributary.testplugin.fetchdep;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.FetchOptions;

/** Needs Jackson only once it fetches or tests its connection, which the plugin does not bundle. */
public class LateFailingConnector extends BaseConnector {

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("late_failing").supportedEntities("items").build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success(new com.fasterxml.jackson.databind.ObjectMapper().toString());
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        new com.fasterxml.jackson.databind.ObjectMapper();
    }
}

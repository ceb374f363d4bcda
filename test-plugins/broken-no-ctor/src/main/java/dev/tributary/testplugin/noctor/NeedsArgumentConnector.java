package dev.tributary.testplugin.noctor;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.FetchOptions;

/** A broken test connector; see the module description. */
public class NeedsArgumentConnector extends BaseConnector {

    private final String name;

    /** The only constructor takes an argument, which ServiceLoader cannot supply. */
    public NeedsArgumentConnector(String name) {
        this.name = name;
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("needs_argument").build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("ok");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
    }
}

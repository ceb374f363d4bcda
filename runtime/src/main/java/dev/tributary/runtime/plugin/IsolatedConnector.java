package dev.tributary.runtime.plugin;

import dev.tributary.runtime.plugin.isolation.LoaderSwap;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import java.util.List;
import java.util.Objects;

/**
 * A connector running in its plugin's class loader: wraps the plugin's {@link BaseConnector} and sets the thread
 * context class loader to the plugin's around every call, so callers (the sync engine, the CLI, the server) need not
 * care. Initialising the wrapper initialises the plugin's connector with the same context.
 *
 * <p>Thread-safety is that of the wrapped connector. Exceptions from the connector pass through unchanged.
 */
final class IsolatedConnector extends BaseConnector {

    private final BaseConnector delegate;
    private final ClassLoader loader;

    IsolatedConnector(BaseConnector delegate, ClassLoader loader) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    protected void onInitialize() {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            delegate.initialize(context());
        }
    }

    @Override
    public ConnectorMetadata getMetadata() {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            return delegate.getMetadata();
        }
    }

    @Override
    public ConnectionTestResult testConnection() {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            return delegate.testConnection();
        }
    }

    @Override
    public List<EntityDescriptor> getAvailableEntities() {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            return delegate.getAvailableEntities();
        }
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            delegate.fetchEntity(options);
        }
    }

    @Override
    public void close() {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            delegate.close();
        }
    }

    /** The plugin's own connector class, for diagnostics. */
    Class<? extends BaseConnector> delegateClass() {
        return delegate.getClass();
    }

    @Override
    public String toString() {
        return "IsolatedConnector[" + delegate.getClass().getName() + " in " + loader + "]";
    }
}

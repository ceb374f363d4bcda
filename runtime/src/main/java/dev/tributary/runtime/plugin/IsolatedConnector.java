package dev.tributary.runtime.plugin;

import dev.tributary.runtime.plugin.isolation.LoaderSwap;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.ratelimit.RequestBudget;
import dev.tributary.spi.webhook.WebhookOutcome;
import dev.tributary.spi.webhook.WebhookReceiver;
import dev.tributary.spi.webhook.WebhookRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A connector running in its plugin's class loader: wraps the plugin's {@link BaseConnector} and sets the thread
 * context class loader to the plugin's around every call, so callers (the sync engine, the CLI, the server) need not
 * care. Initialising the wrapper initialises the plugin's connector with the same context.
 *
 * <p>A {@link LinkageError} thrown by plugin code — typically a class missing from the plugin's jars — becomes a
 * {@link PermanentException} naming the plugin and the class (for {@link #testConnection()}, a failed result), so the
 * runtime fails the operation with an actionable message instead of dying. Other exceptions pass through unchanged.
 * Thread-safety is that of the wrapped connector.
 */
final class IsolatedConnector extends BaseConnector {

    private final BaseConnector delegate;
    private final ClassLoader loader;
    private final PluginLocation plugin;

    IsolatedConnector(BaseConnector delegate, ClassLoader loader, PluginLocation plugin) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.plugin = Objects.requireNonNull(plugin, "plugin");
    }

    @Override
    protected void onInitialize() {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            delegate.initialize(context());
        } catch (LinkageError e) {
            throw broken(e);
        }
    }

    @Override
    public ConnectorMetadata getMetadata() {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            return delegate.getMetadata();
        } catch (LinkageError e) {
            throw broken(e);
        }
    }

    @Override
    public ConnectionTestResult testConnection() {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            return delegate.testConnection();
        } catch (LinkageError e) {
            return ConnectionTestResult.failure(broken(e).getMessage());
        }
    }

    @Override
    public List<EntityDescriptor> getAvailableEntities() {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            return delegate.getAvailableEntities();
        } catch (LinkageError e) {
            throw broken(e);
        }
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            delegate.fetchEntity(options);
        } catch (LinkageError e) {
            throw broken(e);
        }
    }

    /**
     * The plugin's declared budget. A plugin built against SPI 1.0 inherits the default from its own copy of
     * {@link BaseConnector} (the runtime's, as connector-api is shared), which returns empty: the runtime default.
     */
    @Override
    public Optional<RequestBudget> defaultRequestBudget() {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            return delegate.defaultRequestBudget();
        } catch (LinkageError e) {
            throw broken(e);
        }
    }

    /** The plugin's webhook receiver, whose every call runs in the plugin's class loader too. */
    @Override
    public Optional<WebhookReceiver> webhookReceiver() {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            return delegate.webhookReceiver().map(receiver -> new WebhookReceiver() {
                @Override
                public WebhookOutcome receive(WebhookRequest request) {
                    try (LoaderSwap inner = LoaderSwap.use(loader)) {
                        return receiver.receive(request);
                    } catch (LinkageError e) {
                        throw broken(e);
                    }
                }

                @Override
                public String registrationHint() {
                    try (LoaderSwap inner = LoaderSwap.use(loader)) {
                        return receiver.registrationHint();
                    } catch (LinkageError e) {
                        throw broken(e);
                    }
                }
            });
        } catch (LinkageError e) {
            throw broken(e);
        }
    }

    @Override
    public void close() {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            delegate.close();
        } catch (LinkageError e) {
            throw broken(e);
        }
    }

    private PermanentException broken(LinkageError error) {
        String what = error instanceof NoClassDefFoundError && error.getMessage() != null
                ? "class " + error.getMessage().replace('/', '.') + " is in none of its jars"
                : ConnectorLoader.describe(error);
        return new PermanentException("connector " + delegate.getClass().getName() + " in plugin " + plugin
                + " cannot run: " + what + " (" + PluginFailure.Kind.MISSING_DEPENDENCY.defaultHint() + ")", error);
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

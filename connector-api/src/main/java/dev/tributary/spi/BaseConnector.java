package dev.tributary.spi;

import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.ratelimit.RequestBudget;
import dev.tributary.spi.webhook.WebhookReceiver;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The base class of every connector: the {@link java.util.ServiceLoader} service type a plugin registers in
 * {@code META-INF/services/dev.tributary.spi.BaseConnector}.
 *
 * <h2>Life cycle</h2>
 * <ol>
 *   <li>The runtime creates an instance with the public no-arg constructor, which must do no I/O.</li>
 *   <li>{@link #getMetadata()} may be called at any time, before or without initialisation (listings, forms).</li>
 *   <li>For a data source, a fresh instance gets {@link #initialize(ConnectorContext)} exactly once; after it,
 *       {@link #testConnection()}, {@link #getAvailableEntities()} and {@link #fetchEntity(FetchOptions)} may be
 *       called, {@code fetchEntity} possibly from several threads at once for different entities.</li>
 *   <li>{@link #close()} is called once when the instance is no longer needed; release threads and clients there.
 *       </li>
 * </ol>
 *
 * <p>The runtime sets the thread context class loader to the plugin's class loader around every call.
 *
 * <h2>Errors</h2>
 * Throw the kinds of {@link dev.tributary.spi.error.ConnectorException}: the runtime retries transient failures and
 * rate limits (calling {@code fetchEntity} again from the last resume state it received), and stops on the others.
 * Do not retry inside the connector and do not swallow {@link InterruptedException}.
 *
 * @since 1.0
 */
public abstract class BaseConnector implements AutoCloseable {

    private volatile ConnectorContext context;

    /** Creates a connector; subclasses keep a public no-arg constructor that does no I/O. */
    protected BaseConnector() {
    }

    /**
     * Binds this instance to a data source. Called once by the runtime, before any other call that needs the
     * configuration; then calls {@link #onInitialize()}.
     *
     * @throws IllegalStateException when called twice
     * @throws dev.tributary.spi.error.InvalidConfigException when {@link #onInitialize()} rejects the configuration
     */
    public final void initialize(ConnectorContext connectorContext) {
        Objects.requireNonNull(connectorContext, "context");
        synchronized (this) {
            if (context != null) {
                throw new IllegalStateException(getClass().getName() + " is already initialized");
            }
            context = connectorContext;
        }
        onInitialize();
    }

    /**
     * Hook run once at the end of {@link #initialize(ConnectorContext)}: check configuration the schema cannot
     * express and build clients. Must not make network calls.
     *
     * @implSpec The default does nothing.
     * @throws dev.tributary.spi.error.InvalidConfigException naming the field when the configuration is unusable
     */
    protected void onInitialize() {
    }

    /**
     * The data source this instance works for.
     *
     * @throws IllegalStateException before {@link #initialize(ConnectorContext)}
     */
    protected final ConnectorContext context() {
        ConnectorContext current = context;
        if (current == null) {
            throw new IllegalStateException(getClass().getName()
                    + " is not initialized; the runtime calls initialize(context) before using configuration");
        }
        return current;
    }

    /** The data source's configuration; shorthand for {@code context().config()}. */
    protected final Config config() {
        return context().config();
    }

    /** The data source's settings; shorthand for {@code context().settings()}. */
    protected final Settings settings() {
        return context().settings();
    }

    /** Describes this connector. Must be cheap, constant and free of I/O; callable without initialisation. */
    public abstract ConnectorMetadata getMetadata();

    /**
     * Checks that the configured source is reachable and the credentials work, with one cheap request.
     * Reports failure as a result, never as an exception.
     */
    public abstract ConnectionTestResult testConnection();

    /**
     * Lists the entities this data source can fetch.
     *
     * @implSpec The default returns {@code getMetadata().supportedEntities()}; connectors whose entities depend on
     *     configuration override it.
     */
    public List<EntityDescriptor> getAvailableEntities() {
        return getMetadata().supportedEntities();
    }

    /**
     * Fetches one entity page by page, handing each page to {@link FetchOptions#onBatch} with the resume state as
     * of that page, and returns when there is nothing more to fetch. Calls go through
     * {@link FetchOptions#rateLimiter()}.
     *
     * @throws dev.tributary.spi.error.ConnectorException of the kind that tells the runtime what to do next
     * @throws java.util.concurrent.CancellationException when the run was cancelled
     */
    public abstract void fetchEntity(FetchOptions options);

    /**
     * The request rate this data source's API allows by default, which may depend on the configuration (for example
     * Stripe's live keys are allowed more than its test keys). Called after {@link #initialize(ConnectorContext)},
     * once per sync, before the data source's rate limiter is built; must not make network calls. A
     * {@code requestsPerSecond} setting the user gives wins over it.
     *
     * @implSpec The default returns empty: the runtime's generic default budget applies, as for plugins built against
     *     SPI 1.0.
     * @return the budget, or empty to use the runtime's default
     * @since 1.1
     */
    public Optional<RequestBudget> defaultRequestBudget() {
        return Optional.empty();
    }

    /**
     * The receiver of this data source's webhook deliveries, when the source can push changes and the data source
     * is configured for it (typically: a signing secret is set). Called after {@link #initialize(ConnectorContext)};
     * must not make network calls. The runtime answers deliveries for a data source without a receiver 404.
     *
     * @implSpec The default returns empty: the connector takes no webhooks, as for plugins built against SPI 1.0.
     * @return the receiver, or empty when this data source takes no webhooks
     * @since 1.1
     */
    public Optional<WebhookReceiver> webhookReceiver() {
        return Optional.empty();
    }

    /**
     * Releases resources. Called once; must not throw.
     *
     * @implSpec The default does nothing.
     */
    @Override
    public void close() {
    }
}

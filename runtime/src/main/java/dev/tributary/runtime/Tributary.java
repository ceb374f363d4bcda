package dev.tributary.runtime;

import dev.tributary.runtime.config.ConfigValidationException;
import dev.tributary.runtime.config.ConfigValidator;
import dev.tributary.runtime.crypto.EncryptionKey;
import dev.tributary.runtime.crypto.EnvironmentKeys;
import dev.tributary.runtime.crypto.Secret;
import dev.tributary.runtime.destination.DestinationResolver;
import dev.tributary.runtime.destination.DestinationUrl;
import dev.tributary.runtime.destination.PluggedDestination;
import dev.tributary.runtime.plugin.ConnectorInfo;
import dev.tributary.runtime.plugin.ConnectorRegistry;
import dev.tributary.runtime.plugin.PluginChange;
import dev.tributary.runtime.plugin.PluginOptions;
import dev.tributary.runtime.plugin.PluginRegistry;
import dev.tributary.runtime.plugin.PluginReport;
import dev.tributary.runtime.plugin.UnknownConnectorException;
import dev.tributary.runtime.source.ClaimedSync;
import dev.tributary.runtime.source.ConnectorCatalog;
import dev.tributary.runtime.source.SourceEntitySchema;
import dev.tributary.runtime.source.SourceSyncOptions;
import dev.tributary.runtime.source.StoredSources;
import dev.tributary.runtime.store.DataSource;
import dev.tributary.runtime.store.DataSourceChanges;
import dev.tributary.runtime.store.DataSourceDraft;
import dev.tributary.runtime.store.KeyRotation;
import dev.tributary.runtime.store.StoreLocation;
import dev.tributary.runtime.store.SyncRun;
import dev.tributary.runtime.store.WebhookDay;
import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.SyncConnectorContext;
import dev.tributary.runtime.sync.SyncEngine;
import dev.tributary.runtime.sync.SyncListener;
import dev.tributary.runtime.sync.SyncLogContext;
import dev.tributary.runtime.sync.SyncMetrics;
import dev.tributary.runtime.sync.SyncRequest;
import dev.tributary.runtime.sync.SyncResult;
import dev.tributary.runtime.sync.TokenBucket;
import dev.tributary.runtime.webhook.WebhookActivity;
import dev.tributary.runtime.webhook.WebhookReceipt;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationProvider;
import dev.tributary.spi.webhook.WebhookRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.MDC;

/**
 * A Tributary runtime: the connectors found in plugins folders and on the class path, ready to be listed and
 * instantiated. The entry point for applications that embed Tributary and for its own CLI and server.
 *
 * <pre>{@code
 * try (Tributary tributary = Tributary.builder()
 *         .home(Path.of("/var/lib/tributary"))
 *         .pluginsDir(Path.of("/opt/tributary/plugins"))
 *         .build()) {
 *     for (ConnectorInfo connector : tributary.registry().connectors()) {
 *         System.out.println(connector.id() + " from " + connector.plugin());
 *     }
 * }
 * }</pre>
 *
 * <p>Data sources (a connector with its encrypted configuration, settings, target databases and schedule) and their
 * run history live in a store, opened on the first data-source call: {@link #createSource}, {@link #syncSource},
 * {@link #runs} and the rest. See {@link Builder#store(String)}.
 *
 * <p>Building discovers plugins, reading only jar manifests and service entries; connector classes load on the first
 * registry query. Broken plugins are skipped and reported by {@link #plugins()} unless the runtime is
 * {@linkplain Builder#strict(boolean) strict}. Thread-safe. Close it to stop watching and release the plugins' class
 * loaders; several instances may share a JVM.
 */
public final class Tributary implements AutoCloseable {

    /** The environment variable naming the store when {@link Builder#store(String)} is not called. */
    public static final String STORE_URL_VARIABLE = "TRIBUTARY_STORE_URL";

    private final Path home;
    private final PluginRegistry registry;
    private final List<PluginListener> listeners;
    private final Consumer<PluginChange> dispatcher;
    private final Optional<String> storeUrl;
    private final UnaryOperator<String> environment;
    private final Clock clock;
    private final DestinationResolver destinations;
    private final SyncMetrics metrics;
    private StoredSources storedSources;

    private Tributary(Path home, PluginRegistry registry, List<PluginListener> listeners, Optional<String> storeUrl,
            UnaryOperator<String> environment, Clock clock, ClassLoader applicationLoader,
            List<DestinationProvider> registeredDestinations, SyncMetrics metrics) {
        this.home = home;
        this.registry = registry;
        this.metrics = metrics;
        List<PluggedDestination> registered = registeredDestinations.stream().map(PluggedDestination::of).toList();
        this.destinations = new DestinationResolver(applicationLoader, () -> {
            List<PluggedDestination> all = new ArrayList<>(registered);
            all.addAll(registry.destinations());
            return all;
        }, environment).withMetrics(metrics);
        this.storeUrl = storeUrl;
        this.environment = environment;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
        this.dispatcher = change -> this.listeners.forEach(
                listener -> PluginRegistry.notifySafely(listener::onPluginChange, change));
        registry.addListener(dispatcher);
    }

    /** Starts configuring a runtime. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Tributary home folder: where data sources, the default database and (by default) plugins live. */
    public Path home() {
        return home;
    }

    /** The connectors of every loaded plugin; answers change as watched plugins come and go. */
    public ConnectorRegistry registry() {
        return registry;
    }

    /**
     * The destinations this runtime can write to: the built-in SQLite and PostgreSQL one, providers on the
     * application class path, those registered with {@link Builder#destinationProvider}, and those of the loaded
     * plugins (which come and go with watched plugins).
     */
    public DestinationResolver destinations() {
        return destinations;
    }

    /**
     * A report per plugin found, loaded or failed, in discovery order; shorthand for {@code registry().plugins()}.
     */
    public List<PluginReport> plugins() {
        return registry.plugins();
    }

    /**
     * Where data sources and runs are stored: the URL given to {@link Builder#store(String)}, else the environment
     * variable {@value #STORE_URL_VARIABLE}, else the SQLite file {@code <home>/tributary.db}.
     *
     * @throws IllegalArgumentException when the URL is for neither SQLite nor PostgreSQL
     */
    public StoreLocation storeLocation() {
        return storeUrl.or(() -> Optional.ofNullable(environment.apply(STORE_URL_VARIABLE)).filter(u -> !u.isBlank()))
                .map(StoreLocation::parse).orElseGet(() -> StoreLocation.defaultIn(home));
    }

    /**
     * Checks that the store of data sources and runs answers a query now, opening (and migrating) it on first use;
     * what a readiness probe asks.
     *
     * @throws dev.tributary.runtime.store.StoreException when it cannot be reached
     */
    public void checkStore() {
        storedSources().checkStore();
    }

    /**
     * Validates a data source's configuration against its connector's schema, encrypts it with
     * {@code ENCRYPTION_KEY} and stores the data source.
     *
     * @throws dev.tributary.runtime.config.ConfigValidationException naming every field at fault
     * @throws dev.tributary.runtime.store.DuplicateDataSourceException when the name is taken
     * @throws UnknownConnectorException when the connector is not installed
     * @throws dev.tributary.runtime.crypto.EncryptionException when the key is missing or malformed
     */
    public DataSource createSource(DataSourceDraft draft) {
        return storedSources().create(draft);
    }

    /**
     * Changes a data source. Configuration keys not given keep their values, secrets included.
     *
     * @throws dev.tributary.runtime.store.NoSuchDataSourceException when there is none by that name
     */
    public DataSource updateSource(String name, DataSourceChanges changes) {
        return storedSources().update(name, changes);
    }

    /** Removes a data source; its run history and synced tables stay. */
    public void removeSource(String name) {
        storedSources().remove(name);
    }

    /** Every data source, by name; printing one shows secrets as {@code ********}. */
    public List<DataSource> sources() {
        return storedSources().list();
    }

    /**
     * The named data source.
     *
     * @throws dev.tributary.runtime.store.NoSuchDataSourceException when there is none by that name
     */
    public DataSource source(String name) {
        return storedSources().get(name);
    }

    /** Tests the named data source's connection; connector failures come back as a failed result. */
    public ConnectionTestResult testSource(String name) {
        return storedSources().test(name);
    }

    /** The entities the named data source offers. */
    public List<EntityDescriptor> sourceEntities(String name) {
        return storedSources().entities(name);
    }

    /**
     * The entities the named data source offers, each with the typed columns of its tables in every target database
     * (absent where a table does not exist yet or is not typed); a target that cannot be read carries the reason.
     */
    public List<SourceEntitySchema> sourceSchema(String name) {
        return storedSources().schema(name);
    }

    /**
     * Syncs the named data source into each of its target databases (tables {@code <name>_<entity>}) with its
     * settings, and records the run. Blocks until the sync ends.
     *
     * @return the finished run; entity failures are reported there, not thrown
     * @throws dev.tributary.runtime.store.SyncAlreadyRunningException when another sync of the same data source
     *     runs, in this or another process sharing the store
     */
    public SyncRun syncSource(String name, SourceSyncOptions options, SyncListener listener, CancelHandle cancel) {
        return storedSources().sync(name, options, listener, cancel);
    }

    /**
     * Takes the named data source's sync lease for a run about to start, for callers that answer first and sync in
     * the background (the API server): a second sync is refused here, at once, even when the first runs in another
     * process sharing the store. Run it with {@link ClaimedSync#run}; close it to give the lease back unused.
     *
     * @param runId a new, unique run id, e.g. a random UUID; the run is recorded under it
     * @throws dev.tributary.runtime.store.SyncAlreadyRunningException when another sync of the same data source
     *     holds its lease
     */
    public ClaimedSync claimSourceSync(String runId, String name) {
        return storedSources().claim(runId, name);
    }

    /** The sync run with this id, finished or still running; empty when there is none. */
    public Optional<SyncRun> run(String runId) {
        return storedSources().run(runId);
    }

    /** The newest runs first, at most {@code limit}, of the named data source or (when empty) of all. */
    public List<SyncRun> runs(Optional<String> sourceName, int limit) {
        return storedSources().runs(sourceName, limit);
    }

    /**
     * Receives one webhook delivery for the named data source: its connector verifies the signature over the raw
     * body and maps the event, then the event is applied to each of the source's target databases in one
     * transaction each, once per event id, never older data over newer and never reviving a deleted row, before
     * this returns. Answer the source 2xx only when {@link WebhookReceipt#succeeded()}.
     *
     * @return the receipt: applied, duplicate, ignored, refused (forged, tampered, missing or stale signature) or
     *     not found (no such source, or it takes no webhooks)
     * @throws RuntimeException when the event could not be applied (e.g. a target database is unreachable); answer
     *     the source with an error so it retries
     */
    public WebhookReceipt receiveWebhook(String sourceName, WebhookRequest request) {
        return storedSources().receiveWebhook(sourceName, request);
    }

    /** The webhook deliveries of the named data source, as counted in the run history (they survive restarts). */
    public WebhookActivity webhookActivity(String sourceName) {
        return storedSources().webhookActivity().of(sourceName);
    }

    /** The named data source's webhook deliveries per UTC day, newest first, at most {@code limit} days. */
    public List<WebhookDay> webhookDays(String sourceName, int limit) {
        return storedSources().webhookActivity().days(sourceName, limit);
    }

    /** Tells {@code listener} of every webhook delivery received, after it was applied, on the receiving thread. */
    public void addWebhookListener(Consumer<WebhookReceipt> listener) {
        storedSources().webhookActivity().addListener(listener);
    }

    /** Stops telling a listener added with {@link #addWebhookListener}. */
    public void removeWebhookListener(Consumer<WebhookReceipt> listener) {
        storedSources().webhookActivity().removeListener(listener);
    }

    /**
     * How to register the named data source's webhook URL ({@code POST /webhooks/<name>} on the API server) with
     * its source, from its connector; empty when the source takes no webhooks (its connector has none, or the
     * signing secret is not set).
     *
     * @throws dev.tributary.runtime.store.NoSuchDataSourceException when there is none by that name
     */
    public Optional<String> webhookRegistrationHint(String sourceName) {
        return storedSources().webhookRegistrationHint(sourceName);
    }

    /**
     * Re-encrypts every data source from {@code ENCRYPTION_KEY_PREVIOUS} to {@code ENCRYPTION_KEY} in one
     * transaction; nothing changes when any data source cannot be moved.
     */
    public KeyRotation rotateKey() {
        return storedSources().rotateKey(new EnvironmentKeys(environment));
    }

    /** A fresh random encryption key as 64 hex characters, for {@code ENCRYPTION_KEY}. */
    public static Secret generateKey() {
        return EncryptionKey.generate(new SecureRandom()).toHex();
    }

    private synchronized StoredSources storedSources() {
        if (storedSources == null) {
            storedSources = StoredSources.open(storeLocation(), new EnvironmentKeys(environment), catalog(), home,
                    destinations, clock, metrics);
        }
        return storedSources;
    }

    private ConnectorCatalog catalog() {
        return new ConnectorCatalog() {
            @Override
            public ConnectorMetadata metadata(String connectorId) {
                return registry.connector(connectorId).map(ConnectorInfo::metadata)
                        .orElseThrow(() -> new UnknownConnectorException(connectorId,
                                registry.connectors().stream().map(ConnectorInfo::id).toList()));
            }

            @Override
            public BaseConnector create(String connectorId) {
                return registry.create(connectorId);
            }
        };
    }

    /**
     * Syncs entities of a connector into a destination and waits for the end. The configuration is validated
     * against the connector's schema first, then the destination is opened; only then does the connector run.
     * Entity failures are reported in the result, not thrown.
     *
     * @throws UnknownConnectorException when no available connector has the job's id
     * @throws ConfigValidationException naming every missing or malformed configuration field
     * @throws IllegalArgumentException when the destination URL is malformed or an entity unknown
     * @throws dev.tributary.spi.destination.DestinationException when the destination cannot be reached
     */
    public SyncResult sync(SyncJob job) {
        ConnectorInfo info = registry.connector(job.connectorId()).orElseThrow(() -> new UnknownConnectorException(
                job.connectorId(), registry.connectors().stream().map(ConnectorInfo::id).toList()));
        Config config = new ConfigValidator().validate(job.connectorId(), info.metadata().configSchema(),
                job.config());
        String url = job.destination().orElseGet(() -> DestinationUrl.defaultUrl(home));
        DestinationResolver destinations = this.destinations.withEnvironment(job.environment());
        SyncEngine engine = new SyncEngine(metrics);
        TokenBucket limiter = engine.rateLimiter(job.settings());
        Instant started = clock.instant();
        try (MDC.MDCCloseable sourceContext = MDC.putCloseable(SyncLogContext.SOURCE, job.dataSourceName());
                Destination destination = destinations.open(url, job.schema());
                BaseConnector connector = registry.create(job.connectorId())) {
            connector.initialize(new SyncConnectorContext(config, job.settings(), job.dataSourceName(), limiter));
            engine.startBudget(limiter, connector, job.settings(), job.requestRateSet());
            SyncRequest request = new SyncRequest(job.dataSourceName(), job.tablePrefix(), job.entities(),
                    job.fullRefresh(), job.settings());
            SyncResult result = engine.sync(connector, destination, request, limiter, job.listener(), job.cancel());
            metrics.syncEnded(job.dataSourceName(), job.connectorId(), result);
            return result;
        } catch (RuntimeException e) {
            metrics.syncEnded(job.dataSourceName(), job.connectorId(), SyncMetrics.Outcome.FAILED,
                    Duration.between(started, clock.instant()));
            throw e;
        }
    }

    /**
     * The entities a connector offers with the given configuration, schemas included: what
     * {@link BaseConnector#getAvailableEntities()} returns once the connector is initialised, so entities and schemas
     * it discovers from the source are there too. The configuration is validated against the connector's schema
     * first and stored nowhere; the connector may call its source while initialising.
     *
     * @throws UnknownConnectorException when no available connector has the id
     * @throws ConfigValidationException naming every missing or malformed configuration field
     * @throws dev.tributary.spi.error.ConnectorException when the connector refuses the configuration or fails
     */
    public List<EntityDescriptor> connectorEntities(String connectorId, Map<String, Object> rawConfig) {
        ConnectorInfo info = registry.connector(connectorId).orElseThrow(() -> new UnknownConnectorException(
                connectorId, registry.connectors().stream().map(ConnectorInfo::id).toList()));
        Config config = new ConfigValidator().validate(connectorId, info.metadata().configSchema(), rawConfig);
        try (BaseConnector connector = registry.create(connectorId)) {
            connector.initialize(new SyncConnectorContext(config, Settings.DEFAULTS, connectorId,
                    new SyncEngine(metrics).rateLimiter(Settings.DEFAULTS)));
            return connector.getAvailableEntities();
        }
    }

    /** Stops watching plugins and closes their class loaders. Instances created from the registry stop working. */
    @Override
    public void close() {
        synchronized (this) {
            if (storedSources != null) {
                storedSources.close();
            }
        }
        registry.removeListener(dispatcher);
        registry.close();
    }

    /**
     * Configures a {@link Tributary}. Every setter returns this builder. Not thread-safe.
     *
     * <p>Plugins folders: those given with {@link #pluginsDir(Path)}, in that order; when none is given,
     * {@code <home>/plugins} if it exists.
     */
    public static final class Builder {
        private Path home = Path.of(System.getProperty("user.home"), ".tributary");
        private final List<Path> pluginsDirs = new ArrayList<>();
        private boolean classpathDiscovery = true;
        private boolean strict;
        private boolean watch;
        private ClassLoader applicationLoader = Tributary.class.getClassLoader();
        private final List<PluginListener> listeners = new ArrayList<>();
        private String storeUrl;
        private UnaryOperator<String> environment = System::getenv;
        private Clock clock = Clock.systemUTC();
        private final List<DestinationProvider> destinationProviders = new ArrayList<>();
        private Optional<MeterRegistry> meterRegistry = Optional.empty();

        private Builder() {
        }

        /**
         * Where syncs record their meters (records, deletions, batches, requests, rate-limiter waits, fetch errors,
         * retries, durations, destination commit times, failed syncs, last success; see {@link SyncMetrics} and
         * {@code docs/operations.md}). Without one nothing is recorded, and nothing is ever registered on
         * Micrometer's global registry.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Optional.of(Objects.requireNonNull(registry, "registry"));
            return this;
        }

        /**
         * Adds a destination an embedding application provides itself, next to those found on the class path and in
         * plugins; it is called in the class loader that loaded it.
         */
        public Builder destinationProvider(DestinationProvider provider) {
            destinationProviders.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * The store of data sources and runs: {@code jdbc:sqlite:FILE}, {@code jdbc:postgresql://…} or
         * {@code postgresql://user:password@host/db}. Defaults to {@code TRIBUTARY_STORE_URL}, else
         * {@code <home>/tributary.db}. Nothing is opened until a data-source operation needs it.
         */
        public Builder store(String url) {
            this.storeUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * Where {@code ENCRYPTION_KEY}, {@code ENCRYPTION_KEY_PREVIOUS}, {@code TRIBUTARY_STORE_URL} and
         * destination passwords are read; defaults to the process environment. The function returns null for an
         * unset variable.
         */
        public Builder environment(UnaryOperator<String> variables) {
            this.environment = Objects.requireNonNull(variables, "variables");
            return this;
        }

        /** The clock of run records and sync leases; defaults to the system clock in UTC. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "value");
            return this;
        }

        /** The home folder; defaults to {@code ~/.tributary}. Nothing is created there yet. */
        public Builder home(Path folder) {
            this.home = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /** Adds a plugins folder; may be called several times. Earlier folders win duplicate connector ids. */
        public Builder pluginsDir(Path folder) {
            pluginsDirs.add(Objects.requireNonNull(folder, "folder"));
            return this;
        }

        /**
         * Whether connectors declared on the application class path are found too (default true): an embedding
         * application can ship its own connectors without a plugins folder. They run in the application's class
         * loader, and win over plugins with the same id.
         */
        public Builder classpathDiscovery(boolean enabled) {
            this.classpathDiscovery = enabled;
            return this;
        }

        /**
         * The class loader searched for class-path connectors and supplying the SPI to plugins; defaults to the one
         * that loaded Tributary.
         */
        public Builder applicationClassLoader(ClassLoader loader) {
            this.applicationLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** Whether any broken plugin makes {@link #build()} fail instead of being skipped (default false). */
        public Builder strict(boolean enabled) {
            this.strict = enabled;
            return this;
        }

        /**
         * Whether the plugins folders are watched, so plugins added, changed or removed while the runtime is open
         * are loaded, reloaded or unloaded without a restart (default false).
         */
        public Builder watchPlugins(boolean enabled) {
            this.watch = enabled;
            return this;
        }

        /** Adds a listener for plugin changes while watching. */
        public Builder pluginListener(PluginListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Discovers the plugins and returns the runtime.
         *
         * @throws IllegalArgumentException when a plugins folder given does not exist
         * @throws dev.tributary.runtime.plugin.PluginLoadException in strict mode, listing every broken plugin
         */
        public Tributary build() {
            List<Path> folders = new ArrayList<>(pluginsDirs);
            Path defaultFolder = home.resolve("plugins");
            if (folders.isEmpty() && Files.isDirectory(defaultFolder)) {
                folders.add(defaultFolder);
            }
            PluginRegistry registry = PluginRegistry.open(
                    new PluginOptions(folders, applicationLoader, classpathDiscovery, strict, watch));
            SyncMetrics metrics = meterRegistry.map(meters -> new SyncMetrics(meters, clock))
                    .orElseGet(SyncMetrics::disabled);
            return new Tributary(home, registry, listeners, Optional.ofNullable(storeUrl), environment, clock,
                    applicationLoader, destinationProviders, metrics);
        }
    }
}

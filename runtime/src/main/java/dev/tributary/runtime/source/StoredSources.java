package dev.tributary.runtime.source;

import dev.tributary.runtime.config.ConfigValidator;
import dev.tributary.runtime.crypto.EncryptionKey;
import dev.tributary.runtime.crypto.EnvironmentKeys;
import dev.tributary.runtime.destination.DestinationResolver;
import dev.tributary.runtime.destination.DestinationUrl;
import dev.tributary.runtime.store.DataSource;
import dev.tributary.runtime.store.DataSourceChanges;
import dev.tributary.runtime.store.DataSourceDraft;
import dev.tributary.runtime.store.DataSources;
import dev.tributary.runtime.store.EntityRunResult;
import dev.tributary.runtime.store.KeyRotation;
import dev.tributary.runtime.store.RunStatus;
import dev.tributary.runtime.store.Store;
import dev.tributary.runtime.store.StoreLocation;
import dev.tributary.runtime.store.SyncLease;
import dev.tributary.runtime.store.SyncLeases;
import dev.tributary.runtime.store.SyncRun;
import dev.tributary.runtime.store.SyncRuns;
import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.EntityResult;
import dev.tributary.runtime.sync.EntityStatus;
import dev.tributary.runtime.sync.SyncConnectorContext;
import dev.tributary.runtime.sync.SyncEngine;
import dev.tributary.runtime.sync.SyncListener;
import dev.tributary.runtime.sync.SyncLogContext;
import dev.tributary.runtime.sync.SyncMetrics;
import dev.tributary.runtime.sync.SyncRequest;
import dev.tributary.runtime.sync.SyncResult;
import dev.tributary.runtime.sync.TokenBucket;
import dev.tributary.runtime.webhook.WebhookActivityLog;
import dev.tributary.runtime.webhook.WebhookReceipt;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.webhook.WebhookRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The data sources of a runtime, with their connectors: create and update (validated against the connector's
 * schema), remove, read, test the connection, list entities, sync, and read the run history.
 *
 * <p>A sync of a stored source takes the source's lease (so a second sync of it, here or in another process, is
 * refused), records a run, then syncs the requested entities into each target database in turn with tables prefixed
 * by the source's name and the source's settings, and records each entity's result per target. Thread-safe.
 */
public final class StoredSources implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tributary.sources");

    private final DataSources sources;
    private final SyncRuns runs;
    private final SyncLeases leases;
    private final ConnectorCatalog connectors;
    private final SyncEngine engine;
    private final Function<String, Destination> destinations;
    private final ConfigValidator validator = new ConfigValidator();
    private final WebhookActivityLog webhookActivity;
    private final SourceWebhooks webhooks;

    /**
     * @param destinations opens a destination from a target database URL; the caller closes it
     */
    public StoredSources(DataSources sources, SyncRuns runs, SyncLeases leases, ConnectorCatalog connectors,
            SyncEngine engine, Function<String, Destination> destinations) {
        this(sources, runs, leases, connectors, engine, destinations, Clock.systemUTC());
    }

    /**
     * @param destinations opens a destination from a target database URL; the caller closes it
     * @param clock the clock of webhook activity and of the {@code _synced_at} of webhook changes
     */
    public StoredSources(DataSources sources, SyncRuns runs, SyncLeases leases, ConnectorCatalog connectors,
            SyncEngine engine, Function<String, Destination> destinations, Clock clock) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.connectors = Objects.requireNonNull(connectors, "connectors");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.webhookActivity = new WebhookActivityLog(clock, runs.webhookHistory());
        webhookActivity.addListener(receipt -> {
            if (receipt.status() != WebhookReceipt.Status.NOT_FOUND) {
                engine.metrics().webhookReceived(receipt.source(), receipt.status().name().toLowerCase(Locale.ROOT));
            }
        });
        this.webhooks = new SourceWebhooks(sources, connectors, engine, destinations, this::validated,
                webhookActivity, clock);
    }

    /**
     * Opens the store at {@code location} (migrating it) and wires the operations on it with the built-in sync
     * engine and the runtime's destinations (built-in JDBC, class path, registered and plugin ones).
     *
     * @param keys supplies {@code ENCRYPTION_KEY} when configuration is sealed or opened
     * @param home the Tributary home; the default target database is its {@code warehouse.db}
     * @param destinations opens the data sources' target databases
     * @param metrics where the syncs record their meters
     * @throws dev.tributary.runtime.store.StoreVersionException when a newer Tributary wrote the store
     */
    public static StoredSources open(StoreLocation location, EnvironmentKeys keys, ConnectorCatalog connectors,
            Path home, DestinationResolver destinations, Clock clock, SyncMetrics metrics) {
        Store store = Store.open(location, clock);
        SyncRuns runs = new SyncRuns(store, clock);
        DataSources sources = new DataSources(store, keys::current, clock, DestinationUrl.defaultUrl(home));
        SyncLeases leases = new SyncLeases(store, runs, clock, SyncLeases.DEFAULT_LIFETIME,
                SyncLeases.processOwner());
        return new StoredSources(sources, runs, leases, connectors, new SyncEngine(metrics),
                url -> destinations.open(url, Optional.empty()), clock);
    }

    /**
     * Re-encrypts every data source from the key in {@code ENCRYPTION_KEY_PREVIOUS} to the one in
     * {@code ENCRYPTION_KEY}, in one transaction.
     *
     * @throws dev.tributary.runtime.crypto.EncryptionException when a key is missing, malformed or wrong; nothing
     *     changes
     */
    public KeyRotation rotateKey(EnvironmentKeys keys) {
        EncryptionKey previous = keys.previous();
        EncryptionKey next = keys.current();
        KeyRotation rotation = sources.rotateKey(previous, next);
        LOG.info("rotated the encryption key from {} to {}: {} re-encrypted, {} already current", previous.id(),
                next.id(), rotation.reEncrypted(), rotation.alreadyCurrent());
        return rotation;
    }

    /**
     * Checks that the store answers a query now (for readiness probes).
     *
     * @throws dev.tributary.runtime.store.StoreException when it cannot be reached
     */
    public void checkStore() {
        runs.checkReachable();
    }

    /** Stops renewing sync leases and closes the destinations webhooks opened. */
    @Override
    public void close() {
        leases.close();
        webhooks.close();
    }

    /**
     * Verifies one webhook delivery for the named source with its connector and applies it to each of its target
     * databases before returning; see {@link SourceWebhooks}.
     *
     * @throws RuntimeException when the event could not be applied; the source should retry
     */
    public WebhookReceipt receiveWebhook(String name, WebhookRequest request) {
        return webhooks.receive(name, request);
    }

    /**
     * How to register the named source's webhook URL with its source; empty when it takes no webhooks.
     *
     * @throws dev.tributary.runtime.store.NoSuchDataSourceException when there is none by that name
     */
    public Optional<String> webhookRegistrationHint(String name) {
        return webhooks.registrationHint(name);
    }

    /** The webhook deliveries of each source, counted per day in the run history, and their listeners. */
    public WebhookActivityLog webhookActivity() {
        return webhookActivity;
    }

    /**
     * Validates and stores a new data source.
     *
     * @throws dev.tributary.runtime.config.ConfigValidationException naming every field at fault
     * @throws dev.tributary.runtime.store.DuplicateDataSourceException when the name is taken
     */
    public DataSource create(DataSourceDraft draft) {
        DataSource source = sources.create(draft, connectors.metadata(draft.connectorId()).configSchema());
        LOG.info("created data source {} (connector {})", source.name(), source.connectorId());
        return source;
    }

    /**
     * Changes a data source; its whole configuration is validated against the connector's current schema.
     *
     * @throws dev.tributary.runtime.store.NoSuchDataSourceException when there is none by that name
     */
    public DataSource update(String name, DataSourceChanges changes) {
        DataSource current = sources.get(name);
        DataSource updated = sources.update(name, changes,
                connectors.metadata(current.connectorId()).configSchema());
        LOG.info("updated data source {}", name);
        return updated;
    }

    /** Removes a data source; its run history and synced tables stay. */
    public void remove(String name) {
        sources.remove(name);
        LOG.info("removed data source {}", name);
    }

    /** The named data source. */
    public DataSource get(String name) {
        return sources.get(name);
    }

    /** Every data source, by name. */
    public List<DataSource> list() {
        return sources.list();
    }

    /**
     * Tests the named source's connection. Never throws for connector failures: an invalid configuration or a
     * connector that throws becomes a failed result with the connector's message.
     */
    public ConnectionTestResult test(String name) {
        DataSource source = sources.get(name);
        try (BaseConnector connector = initialised(source)) {
            return connector.testConnection();
        } catch (RuntimeException e) {
            return ConnectionTestResult.failure(describe(e));
        }
    }

    /** The entities the named source's connector offers with its configuration. */
    public List<EntityDescriptor> entities(String name) {
        DataSource source = sources.get(name);
        try (BaseConnector connector = initialised(source)) {
            return connector.getAvailableEntities();
        }
    }

    /**
     * The entities the named source's connector offers with its configuration, each with the typed layout of its
     * tables in every target database ({@link Destination#readLayout}). A target that cannot be opened or read is
     * reported on each entity with the reason; the others are still read.
     *
     * @throws dev.tributary.runtime.store.NoSuchDataSourceException when there is none by that name
     */
    public List<SourceEntitySchema> schema(String name) {
        DataSource source = sources.get(name);
        List<EntityDescriptor> entities = entities(name);
        List<String> urls = source.targetDatabases();
        List<String> shown = source.redactedTargetDatabases();
        List<List<SourceEntitySchema.Target>> perEntity = new ArrayList<>();
        entities.forEach(entity -> perEntity.add(new ArrayList<>()));
        for (int t = 0; t < urls.size(); t++) {
            List<SourceEntitySchema.Target> read = readLayouts(source, urls.get(t), shown.get(t), entities);
            for (int e = 0; e < entities.size(); e++) {
                perEntity.get(e).add(read.get(e));
            }
        }
        List<SourceEntitySchema> schemas = new ArrayList<>();
        for (int e = 0; e < entities.size(); e++) {
            schemas.add(new SourceEntitySchema(entities.get(e), perEntity.get(e)));
        }
        return schemas;
    }

    private List<SourceEntitySchema.Target> readLayouts(DataSource source, String url, String shown,
            List<EntityDescriptor> entities) {
        try (Destination destination = destinations.apply(url)) {
            return entities.stream().map(entity -> {
                try {
                    return new SourceEntitySchema.Target(shown, destination.readLayout(new EntityTable(
                            source.name(), entity.name(), entity.primaryKey(), source.name())), Optional.empty());
                } catch (RuntimeException e) {
                    LOG.warn("could not read the tables of {}.{} in {}: {}", source.name(), entity.name(), shown,
                            describe(e));
                    return new SourceEntitySchema.Target(shown, Optional.empty(), Optional.of(describe(e)));
                }
            }).toList();
        } catch (RuntimeException e) {
            LOG.warn("could not open target database {} of {}: {}", shown, source.name(), describe(e));
            String reason = "target database could not be opened: " + describe(e);
            return entities.stream()
                    .map(entity -> new SourceEntitySchema.Target(shown, Optional.empty(), Optional.of(reason)))
                    .toList();
        }
    }

    /**
     * Syncs the named data source into each of its target databases and records the run.
     *
     * @return the finished run; entity failures are reported there, not thrown
     * @throws dev.tributary.runtime.store.SyncAlreadyRunningException when another sync of it holds its lease
     * @throws dev.tributary.runtime.store.NoSuchDataSourceException when there is none by that name
     */
    public SyncRun sync(String name, SourceSyncOptions options, SyncListener listener, CancelHandle cancel) {
        return sync(UUID.randomUUID().toString(), name, options, listener, cancel);
    }

    /**
     * Like {@link #sync(String, SourceSyncOptions, SyncListener, CancelHandle)}, recording the run under an id the
     * caller chose, so it can hand the id out before the run ends (the API server answers a sync request with it).
     *
     * @param runId a new, unique run id, e.g. a random UUID
     */
    public SyncRun sync(String runId, String name, SourceSyncOptions options, SyncListener listener,
            CancelHandle cancel) {
        try (ClaimedSync claimed = claim(runId, name)) {
            return claimed.run(options, listener, cancel);
        }
    }

    /**
     * Takes the named data source's sync lease for a run about to start, so that a caller answering a request (the
     * API server) can refuse a second sync at once, also when the first runs in another process, and then run the
     * sync in the background with {@link ClaimedSync#run}. Close the result to release the lease.
     *
     * @param runId a new, unique run id, e.g. a random UUID
     * @throws dev.tributary.runtime.store.SyncAlreadyRunningException when another sync of it holds its lease
     * @throws dev.tributary.runtime.store.NoSuchDataSourceException when there is none by that name
     */
    public ClaimedSync claim(String runId, String name) {
        DataSource source = sources.get(name);
        return new ClaimedSync(this, source, runId, leases.acquire(source, runId));
    }

    /** Runs a sync whose lease {@code lease} holds; called once by {@link ClaimedSync#run}. */
    SyncRun run(DataSource source, String runId, SyncLease lease, SourceSyncOptions options, SyncListener listener,
            CancelHandle cancel) {
        try (MDC.MDCCloseable sourceContext = MDC.putCloseable(SyncLogContext.SOURCE, source.name());
                MDC.MDCCloseable runContext = MDC.putCloseable(SyncLogContext.RUN, runId)) {
            return runLeased(source, runId, lease, options, listener, cancel);
        }
    }

    private SyncRun runLeased(DataSource source, String runId, SyncLease lease, SourceSyncOptions options,
            SyncListener listener, CancelHandle cancel) {
        String name = source.name();
        lease.onLost(() -> {
            LOG.warn("sync of {} lost its lease to another run; cancelling run {}", name, runId);
            cancel.cancel();
        });
        runs.start(runId, source, options.trigger());
        LOG.info("sync of {} started (run {})", name, runId);
        Optional<String> error = Optional.empty();
        List<EntityRunResult> results = new ArrayList<>();
        try (BaseConnector connector = connectors.create(source.connectorId())) {
            TokenBucket limiter = engine.rateLimiter(source.settings());
            connector.initialize(new SyncConnectorContext(validated(source), source.settings(), source.name(),
                    limiter));
            engine.startBudget(limiter, connector, source.settings(), false);
            requireAvailable(connector, options.entities());
            SyncRequest request = new SyncRequest(source.name(), source.name(), options.entities(),
                    options.fullRefresh(), source.settings());
            FailureCounter counter = new FailureCounter(listener);
            for (String target : source.targetDatabases()) {
                counter.reset();
                results.addAll(syncTarget(connector, target, request, limiter, counter, cancel, runId));
            }
        } catch (RuntimeException e) {
            error = Optional.of(describe(e));
            LOG.warn("sync of {} failed (run {}): {}", name, runId, error.get());
        }
        SyncRun run = runs.finish(runId, status(results, error, cancel), error);
        engine.metrics().syncEnded(name, source.connectorId(), outcome(run.status()),
                Duration.between(run.startedAt(), run.endedAt().orElse(run.startedAt())));
        LOG.info("sync of {} ended {} (run {}, {} records)", name, run.status(), runId, run.records());
        return run;
    }

    private List<EntityRunResult> syncTarget(BaseConnector connector, String target, SyncRequest request,
            TokenBucket limiter, FailureCounter counter, CancelHandle cancel, String runId) {
        List<EntityRunResult> recorded = new ArrayList<>();
        try (Destination destination = destinations.apply(target)) {
            SyncResult result = engine.sync(connector, destination, request, limiter, counter, cancel);
            for (EntityResult entity : result.entities()) {
                EntityRunResult entry = new EntityRunResult(target, entity.entity(), toRunStatus(entity.status()),
                        entity.records(), entity.deletions(), counter.failures(entity), entity.error(),
                        entity.discarded());
                runs.recordEntity(runId, entry);
                recorded.add(entry);
            }
        } catch (RuntimeException e) {
            EntityRunResult entry = new EntityRunResult(target, "*", RunStatus.FAILED, 0, 0, 1,
                    Optional.of("target database failed: " + describe(e)));
            LOG.warn("sync of {} into {} failed: {}", request.dataSourceName(), entry.targetDatabase(),
                    entry.error().orElseThrow());
            runs.recordEntity(runId, entry);
            recorded.add(entry);
        }
        return recorded;
    }

    /** The run with this id; empty when there is none. */
    public Optional<SyncRun> run(String runId) {
        return runs.find(runId);
    }

    /**
     * The newest runs first, at most {@code limit}, of the named source or (when empty) of all.
     */
    public List<SyncRun> runs(Optional<String> name, int limit) {
        return runs.list(name, limit);
    }

    private BaseConnector initialised(DataSource source) {
        BaseConnector connector = connectors.create(source.connectorId());
        try {
            connector.initialize(new SyncConnectorContext(validated(source), source.settings(), source.name(),
                    engine.rateLimiter(source.settings())));
            return connector;
        } catch (RuntimeException e) {
            connector.close();
            throw e;
        }
    }

    private static void requireAvailable(BaseConnector connector, List<String> requested) {
        List<String> available = connector.getAvailableEntities().stream().map(EntityDescriptor::name).toList();
        for (String entity : requested) {
            if (!available.contains(entity)) {
                throw new IllegalArgumentException("unknown entity '" + entity + "'; available: "
                        + String.join(", ", available));
            }
        }
    }

    /** The stored configuration checked against the connector's schema as installed now. */
    private Config validated(DataSource source) {
        return validator.validate(source.connectorId(), connectors.metadata(source.connectorId()).configSchema(),
                source.config().asMap());
    }

    private static RunStatus toRunStatus(EntityStatus status) {
        return switch (status) {
            case DONE -> RunStatus.SUCCEEDED;
            case CANCELLED -> RunStatus.CANCELLED;
            default -> RunStatus.FAILED;
        };
    }

    private static SyncMetrics.Outcome outcome(RunStatus status) {
        return switch (status) {
            case SUCCEEDED -> SyncMetrics.Outcome.SUCCEEDED;
            case CANCELLED -> SyncMetrics.Outcome.CANCELLED;
            default -> SyncMetrics.Outcome.FAILED;
        };
    }

    private static RunStatus status(List<EntityRunResult> results, Optional<String> error, CancelHandle cancel) {
        if (cancel.isCancelled()) {
            return RunStatus.CANCELLED;
        }
        long succeeded = results.stream().filter(r -> r.status() == RunStatus.SUCCEEDED).count();
        if (error.isEmpty() && succeeded == results.size()) {
            return RunStatus.SUCCEEDED;
        }
        return succeeded > 0 ? RunStatus.PARTIAL : RunStatus.FAILED;
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}

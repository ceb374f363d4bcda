package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tributary.spi.Batch;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every connector keeps, as a JUnit 5 test class to extend. Supply a fresh connector and a working
 * configuration; every check is its own test, named after the rule, and a failing one says what to fix.
 *
 * <pre>{@code
 * class MyConnectorContractTest extends ConnectorContract {
 *     private final FakeHttpServer server = FakeHttpServer.start();   // or start it in startFakeServer()
 *
 *     protected BaseConnector newConnector() { return new MyConnector(); }
 *     protected Map<String, Object> config() { return Map.of("base_url", server.url("/").toString(), "api_key", "k"); }
 *     protected Optional<Map<String, Object>> badCredentialsConfig() { ... }   // optional
 * }
 * }</pre>
 *
 * <h2>What is checked</h2>
 * <ul>
 *   <li>Metadata, without initialisation: id format, semantic version, description, icon (an SVG in the SVG
 *       namespace), secret-looking config fields marked secret, defaults that parse as their type, service
 *       registration and public no-arg constructor, no class in {@code dev.tributary.spi}.</li>
 *   <li>After initialisation: entities declared; {@code testConnection()} succeeds with {@link #config()} and
 *       reports bad credentials as a failed result rather than an exception.</li>
 *   <li>For every entity (one dynamic test each): batches within the batch size, a primary key on every record,
 *       a non-blank resume state on every batch, resuming from <em>each</em> state yields exactly the remaining
 *       records, a second run yields the same records, every fetch goes through the rate limiter; for incremental
 *       entities, {@code since} filters and a far-future {@code since} yields nothing; cancellation and interrupts
 *       stop the fetch within {@link #cancellationBound()} with no request after it.</li>
 *   <li>{@code close()} leaves no thread of the connector's running.</li>
 * </ul>
 *
 * <p>Fetches run with batch size {@link #contractBatchSize()}; give the connector (or its fake server) enough
 * records for a few batches per entity, and few enough that resuming from every state stays fast: the resume check
 * makes one fetch per batch. Entities without records in the contract configuration are skipped, with a reason.
 *
 * <p>Runs offline. The thread-leak check assumes the test class does not run in parallel with others.
 * Instances are made per test method by JUnit; the class is not thread-safe.
 */
public abstract class ConnectorContract {

    private static final Pattern SEMANTIC_VERSION = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-.]+)?");
    private static final Pattern CONNECTOR_ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Instant FAR_FUTURE = Instant.parse("2999-01-01T00:00:00Z");
    private static final String SPI_PACKAGE = "dev.tributary.spi";

    private final List<BaseConnector> opened = new ArrayList<>();

    /** For subclasses. */
    protected ConnectorContract() {
    }

    // ---------------------------------------------------------------------------------------------------------
    // What the author supplies

    /**
     * A new, not yet initialised instance of the connector under test, as the runtime's {@link ServiceLoader}
     * makes it. Called several times per test; return a fresh instance every time.
     */
    protected abstract BaseConnector newConnector();

    /**
     * A configuration with which the connector works offline, typically pointing at a fake server started in
     * {@link #startFakeServer()}: raw values keyed by field name, as a user would give them; the schema's
     * defaults are filled in as the runtime does.
     */
    protected abstract Map<String, Object> config();

    /**
     * A configuration whose credentials the (fake) source rejects, to check that {@code testConnection()} reports
     * failure as a result.
     *
     * @implSpec The default is empty, which skips that check: right for sources without credentials.
     */
    protected Optional<Map<String, Object>> badCredentialsConfig() {
        return Optional.empty();
    }

    /**
     * The settings the connector is initialised with.
     *
     * @implSpec The default is {@link Settings#DEFAULTS}.
     */
    protected Settings settings() {
        return Settings.DEFAULTS;
    }

    /**
     * Starts whatever the connector talks to, before each check; {@link #config()} is called after it.
     *
     * @implSpec The default does nothing.
     */
    protected void startFakeServer() throws Exception {
    }

    /**
     * Stops what {@link #startFakeServer()} started, after each check.
     *
     * @implSpec The default does nothing.
     */
    protected void stopFakeServer() throws Exception {
    }

    /**
     * The batch size of the contract's fetches.
     *
     * @implSpec The default is 3.
     */
    protected int contractBatchSize() {
        return 3;
    }

    /**
     * How long a fetch may take to stop after cancellation or an interrupt, and {@code close()} to end threads.
     *
     * @implSpec The default is 10 seconds.
     */
    protected Duration cancellationBound() {
        return Duration.ofSeconds(10);
    }

    /**
     * Config fields whose names look like credentials but are not, for the secret-marking check.
     *
     * @implSpec The default is none.
     */
    protected Set<String> notSecretFields() {
        return Set.of();
    }

    /**
     * Whether a thread that appeared during a check belongs to shared infrastructure rather than to the
     * connector, and so is no leak.
     *
     * @implSpec The default accepts the JDK's common fork-join pool and cleaner, OkHttp's process-wide task runner
     *     (its idle threads end on their own a minute later), MockWebServer's threads, and the JDK 17 HTTP client's
     *     selector thread (that client has no {@code close()}; the thread ends when the client is collected).
     */
    protected boolean isSharedThread(Thread thread) {
        String name = thread.getName();
        return name.startsWith("ForkJoinPool.commonPool") || name.equals("Common-Cleaner")
                || name.startsWith("OkHttp TaskRunner") || name.startsWith("MockWebServer")
                || name.matches("HttpClient-\\d+-SelectorManager");
    }

    @BeforeEach
    final void startContractServer() throws Exception {
        startFakeServer();
    }

    @AfterEach
    final void closeConnectorsAndStopContractServer() throws Exception {
        try {
            opened.forEach(BaseConnector::close);
            opened.clear();
        } finally {
            stopFakeServer();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Metadata

    @Test
    void metadataIsAvailableBeforeInitialization() {
        ConnectorMetadata first;
        try {
            first = newConnector().getMetadata();
        } catch (RuntimeException e) {
            throw new AssertionError("getMetadata() on a new, uninitialised instance threw " + e
                    + "; build the metadata from constants, without config() or I/O", e);
        }
        assertThat(newConnector().getMetadata())
                .as("getMetadata() must return equal metadata every time (it is constant)")
                .isEqualTo(first);
    }

    @Test
    void idIsALowercaseIdentifier() {
        String id = metadata().id();
        assertThat(CONNECTOR_ID.matcher(id).matches())
                .as("connector id '%s' must match [a-z][a-z0-9_]* (it prefixes table names)", id)
                .isTrue();
    }

    @Test
    void versionIsASemanticVersion() {
        String version = metadata().version();
        assertThat(SEMANTIC_VERSION.matcher(version).matches())
                .as("version '%s' is not a semantic version MAJOR.MINOR.PATCH such as 1.0.0 (see semver.org)", version)
                .isTrue();
    }

    @Test
    void descriptionIsNotBlank() {
        assertThat(metadata().description())
                .as("the metadata description is blank; describe the connector in a sentence for people "
                        + "(ConnectorMetadata.builder(..).description(..))")
                .isNotBlank();
    }

    @Test
    void iconIsAWellFormedSvg() {
        ConnectorMetadata metadata = metadata();
        assertThat(metadata.icon())
                .as("the metadata names no icon; add icon.svg next to the connector class and call .icon(\"icon.svg\")")
                .isPresent();
        Optional<String> problem = SvgIcon.problem(newConnector().getClass(), metadata.icon().orElseThrow());
        assertThat(problem).as(problem.orElse("")).isEmpty();
    }

    @Test
    void secretLookingConfigFieldsAreMarkedSecret() {
        List<String> unmarked = metadata().configSchema().fields().stream()
                .filter(field -> !field.secret() && SecretNames.looksSecret(field.name()))
                .map(ConfigField::name)
                .filter(name -> !notSecretFields().contains(name))
                .toList();
        assertThat(unmarked)
                .as("config field(s) %s look like credentials but are not marked secret: call .secret() on them so "
                        + "they are encrypted and never shown, or list them in notSecretFields() if they are not "
                        + "credentials", unmarked)
                .isEmpty();
    }

    @Test
    void configDefaultsMatchTheirTypes() {
        List<String> wrong = new ArrayList<>();
        for (ConfigField field : metadata().configSchema().fields()) {
            field.defaultValue().filter(value -> !ConfigDefault.fits(field.type(), value))
                    .ifPresent(value -> wrong.add(field.name() + " (" + field.type() + ")"));
        }
        assertThat(wrong).as("the default value of config field(s) %s does not parse as the field's type", wrong)
                .isEmpty();
    }

    @Test
    void contractConfigSetsEveryRequiredFieldAndOnlyDeclaredOnes() {
        ConfigSchema schema = metadata().configSchema();
        Map<String, Object> config = config();
        List<String> missing = schema.fields().stream().filter(ConfigField::required).map(ConfigField::name)
                .filter(name -> config.get(name) == null).toList();
        List<String> unknown = config.keySet().stream().filter(name -> schema.field(name).isEmpty()).toList();
        assertThat(missing).as("config() lacks required field(s) %s; the runtime would refuse it", missing).isEmpty();
        assertThat(unknown).as("config() sets field(s) %s that the config schema does not declare; declare them with "
                + ".configFields(..) or remove them", unknown).isEmpty();
    }

    @Test
    void isRegisteredAsAServiceWithAPublicNoArgConstructor() {
        Class<? extends BaseConnector> type = newConnector().getClass();
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            fail(type.getName() + " needs a public no-arg constructor; the runtime creates it with ServiceLoader");
        }
        boolean registered = ServiceLoader.load(BaseConnector.class, type.getClassLoader()).stream()
                .anyMatch(provider -> provider.type() == type);
        assertThat(registered)
                .as("%s is not registered: list it in src/main/resources/META-INF/services/%s", type.getName(),
                        BaseConnector.class.getName())
                .isTrue();
    }

    @Test
    void livesOutsideTheSpiPackages() {
        String packageName = newConnector().getClass().getPackageName();
        assertThat(packageName.equals(SPI_PACKAGE) || packageName.startsWith(SPI_PACKAGE + "."))
                .as("package %s is reserved for the SPI, which the runtime shares with every plugin; "
                        + "the plugin's own copy would never be used. Move the connector to a package of your own",
                        packageName)
                .isFalse();
    }

    @Test
    void declaresEntitiesOnceInitialized() {
        List<EntityDescriptor> entities = initializedConnector().getAvailableEntities();
        assertThat(entities)
                .as("getAvailableEntities() is empty after initialize; declare entities in the metadata "
                        + "(.supportedEntities(..)) or derive them from the configuration")
                .isNotEmpty();
        Set<String> names = new HashSet<>();
        List<String> twice = entities.stream().map(EntityDescriptor::name).filter(name -> !names.add(name)).toList();
        assertThat(twice).as("getAvailableEntities() lists entity name(s) %s more than once", twice).isEmpty();
    }

    @Test
    void atLeastOneEntityYieldsRecordsWithTheContractConfig() {
        BaseConnector connector = initializedConnector();
        boolean any = connector.getAvailableEntities().stream()
                .anyMatch(entity -> !fetch(connector, options(entity)).records().isEmpty());
        assertThat(any)
                .as("no entity returned any record with config(); give the fake source data, otherwise the "
                        + "contract checks nothing")
                .isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------
    // testConnection

    @Test
    void testConnectionSucceedsWithTheContractConfig() {
        ConnectionTestResult result = testConnection(initializedConnector());
        assertThat(result.success())
                .as("testConnection() with config() failed with '%s'; it should succeed against the fake source",
                        result.message())
                .isTrue();
        assertThat(result.message()).as("testConnection() returned a blank message; say what was reached")
                .isNotBlank();
    }

    @Test
    void testConnectionReportsBadCredentialsAsAFailedResult() {
        Optional<Map<String, Object>> bad = badCredentialsConfig();
        assumeTrue(bad.isPresent(), "badCredentialsConfig() is empty: no credentials to get wrong");
        ConnectionTestResult result = testConnection(initializedConnector(bad.orElseThrow()));
        assertThat(result.success())
                .as("testConnection() with badCredentialsConfig() reported success ('%s')", result.message())
                .isFalse();
        ConfigSchema schema = metadata().configSchema();
        List<String> leaked = bad.orElseThrow().entrySet().stream()
                .filter(e -> schema.field(e.getKey()).map(ConfigField::secret).orElse(false))
                .filter(e -> e.getValue() != null && e.getValue().toString().length() >= 4
                        && result.message().contains(e.getValue().toString()))
                .map(Map.Entry::getKey).toList();
        assertThat(leaked).as("testConnection()'s message contains the value of secret field(s) %s; name the field, "
                + "never its value", leaked).isEmpty();
    }

    private static ConnectionTestResult testConnection(BaseConnector connector) {
        try {
            return connector.testConnection();
        } catch (RuntimeException e) {
            throw new AssertionError("testConnection() threw " + e.getClass().getName() + "; it must report every "
                    + "failure as ConnectionTestResult.failure(\"...\") and never throw", e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Per entity: batches, keys, states, resume, repeatability, rate limiter

    @TestFactory
    Stream<DynamicTest> batchesNeverExceedTheBatchSize() {
        return forEachEntity(entity -> {
            try {
                initializedConnector().fetchEntity(options(entity).build());
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().contains("exceeds the batch size")) {
                    fail(e.getMessage() + "; hand at most options.batchSize() records to each onBatch call "
                            + "(ask the source for pages of that size, or split pages)", e);
                }
                throw new AssertionError("entity '" + entity.name() + "': fetchEntity threw " + e, e);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> everyRecordHasItsPrimaryKey() {
        return forEachEntity(entity -> {
            RecordingBatches run = fetchWithRecords(initializedConnector(), entity);
            List<Map<String, Object>> all = new ArrayList<>(run.records());
            all.addAll(run.deletedKeys());
            for (Map<String, Object> record : all) {
                List<String> absent = entity.primaryKey().stream().filter(f -> record.get(f) == null).toList();
                if (!absent.isEmpty()) {
                    fail("entity '" + entity.name() + "': a record lacks primary-key field(s) " + absent
                            + " (declared primary key " + entity.primaryKey() + "; fields present: " + record.keySet()
                            + "); fix the entity's primary key or the record mapping");
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> everyBatchCarriesAResumeState() {
        return forEachEntity(entity -> {
            RecordingBatches run = fetchWithRecords(initializedConnector(), entity);
            List<String> states = run.states();
            for (int i = 0; i < states.size(); i++) {
                if (states.get(i).isBlank()) {
                    fail("entity '" + entity.name() + "': batch " + (i + 1) + " of " + states.size()
                            + " has a blank resume state; hand over the position after the batch (a page cursor, "
                            + "an offset, a marker such as \"done\") so the runtime can resume after it");
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> resumingFromEachStateYieldsExactlyTheRemainingRecords() {
        return forEachEntity(entity -> {
            List<Batch> full = fetchWithRecords(initializedConnector(), entity).batches();
            BaseConnector resuming = initializedConnector();
            for (int i = 0; i < full.size(); i++) {
                String state = full.get(i).resumeState();
                RecordingBatches resumed = fetch(resuming, options(entity).resumeState(state),
                        "resuming from the state of batch " + (i + 1) + " ('" + state + "')");
                List<Batch> remaining = full.subList(i + 1, full.size());
                Optional<String> problem = RecordDiff.describe(records(remaining), resumed.records(),
                        records(full.subList(0, i + 1)), entity.primaryKey())
                        .or(() -> RecordDiff.describe(deletions(remaining), resumed.deletedKeys(), List.of(),
                                entity.primaryKey()).map(d -> "deletions: " + d));
                if (problem.isPresent()) {
                    fail("entity '" + entity.name() + "': resuming from the state of batch " + (i + 1) + " of "
                            + full.size() + " ('" + state + "') did not yield exactly the records after that batch: "
                            + problem.get() + ". A batch's resume state must point just after its last record; the "
                            + "runtime resumes from it after crashes and between retries");
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> aSecondFullRunGivesTheSameRecords() {
        return forEachEntity(entity -> {
            RecordingBatches first = fetchWithRecords(initializedConnector(), entity);
            RecordingBatches second = fetch(initializedConnector(), options(entity), "a second full run");
            Optional<String> problem = RecordDiff.describe(first.records(), second.records(), List.of(),
                    entity.primaryKey());
            problem.ifPresent(p -> fail("entity '" + entity.name() + "': a second full run with the same "
                    + "configuration gave other records: " + p + "; fetch in a stable order and keep no state "
                    + "between runs except what FetchOptions hands you"));
        });
    }

    @TestFactory
    Stream<DynamicTest> fetchesGoThroughTheRateLimiter() {
        return forEachEntity(entity -> {
            CountingRateLimiter limiter = new CountingRateLimiter();
            fetchWithRecords(initializedConnector(config(), limiter), entity, limiter);
            assertThat(limiter.acquired())
                    .as("entity '%s': fetchEntity delivered records without calling options.rateLimiter().acquire();"
                            + " call it before every request so the data source's request budget is kept",
                            entity.name())
                    .isPositive();
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Incremental entities

    @TestFactory
    Stream<DynamicTest> sinceReturnsOnlyRecordsAtOrAfterIt() {
        return forEachIncrementalEntity(entity -> {
            String cursor = entity.cursorField().orElseThrow();
            List<Map<String, Object>> all = fetchWithRecords(initializedConnector(), entity).records();
            List<Instant> cursors = all.stream().map(r -> cursorOf(entity, r)).sorted().toList();
            Instant since = cursors.get(cursors.size() / 2);
            List<Map<String, Object>> after = fetch(initializedConnector(), options(entity).since(since),
                    "a run with since " + since).records();
            List<String> early = after.stream().filter(r -> cursorOf(entity, r).isBefore(since))
                    .map(r -> RecordDiff.keyOf(r, entity.primaryKey()) + " (" + cursor + " " + r.get(cursor) + ")")
                    .limit(5).toList();
            assertThat(early).as("entity '%s': with since %s the run returned records whose %s is earlier: %s; ask "
                    + "the source for %s >= since", entity.name(), since, cursor, early, cursor).isEmpty();
            Set<List<Object>> returned = new HashSet<>();
            after.forEach(r -> returned.add(RecordDiff.keyOf(r, entity.primaryKey())));
            List<List<Object>> missed = all.stream().filter(r -> !cursorOf(entity, r).isBefore(since))
                    .map(r -> RecordDiff.keyOf(r, entity.primaryKey())).filter(k -> !returned.contains(k))
                    .limit(5).toList();
            assertThat(missed).as("entity '%s': with since %s the run missed records whose %s is at or after it: %s",
                    entity.name(), since, cursor, missed).isEmpty();
        });
    }

    @TestFactory
    Stream<DynamicTest> aFarFutureSinceReturnsNothing() {
        return forEachIncrementalEntity(entity -> {
            List<Map<String, Object>> records = fetch(initializedConnector(), options(entity).since(FAR_FUTURE),
                    "a run with since " + FAR_FUTURE).records();
            assertThat(records).as("entity '%s': a run with since %s returned %d records; nothing was created after "
                    + "it", entity.name(), FAR_FUTURE, records.size()).isEmpty();
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cancellation, interrupts, threads

    @TestFactory
    Stream<DynamicTest> cancellationStopsTheFetchBeforeAnotherRequest() {
        return forEachEntity(entity -> {
            requireSeveralBatches(entity);
            CountingRateLimiter limiter = new CountingRateLimiter();
            BaseConnector connector = initializedConnector(config(), limiter);
            AtomicBoolean cancelled = new AtomicBoolean();
            AtomicInteger acquiredAtCancel = new AtomicInteger();
            FetchOptions options = options(entity).rateLimiter(limiter).cancelled(cancelled::get)
                    .onBatch(batch -> {
                        acquiredAtCancel.set(limiter.acquired());
                        cancelled.set(true);
                    }).build();
            Outcome outcome = fetchOnOwnThread(connector, options, entity, "cancellation");
            if (outcome.failure() != null && !(outcome.failure() instanceof CancellationException)) {
                throw new AssertionError("entity '" + entity.name() + "': after cancellation fetchEntity threw "
                        + outcome.failure() + "; let the CancellationException from onBatch/throwIfCancelled "
                        + "propagate unwrapped (a wrapped one looks like a failure the runtime would retry)",
                        outcome.failure());
            }
            int after = limiter.acquired() - acquiredAtCancel.get();
            assertThat(after).as("entity '%s': %d request(s) went through the rate limiter after the sync was "
                    + "cancelled; check options.throwIfCancelled() before each request", entity.name(), after)
                    .isZero();
        });
    }

    @TestFactory
    Stream<DynamicTest> anInterruptStopsTheFetchAndStaysSet() {
        return forEachEntity(entity -> {
            requireSeveralBatches(entity);
            BaseConnector connector = initializedConnector();
            AtomicInteger batchesAfterInterrupt = new AtomicInteger(-1);
            FetchOptions options = options(entity).onBatch(batch -> {
                batchesAfterInterrupt.incrementAndGet();
                Thread.currentThread().interrupt();
            }).build();
            Outcome outcome = fetchOnOwnThread(connector, options, entity, "an interrupt");
            assertThat(outcome.failure())
                    .as("entity '%s': fetchEntity returned normally although its thread was interrupted (the "
                            + "runtime interrupts on cancellation), so the entity would count as complete; "
                            + "throw CancellationException", entity.name())
                    .isNotNull();
            if (!(outcome.failure() instanceof CancellationException)) {
                throw new AssertionError("entity '" + entity.name() + "': after an interrupt fetchEntity threw "
                        + outcome.failure() + " instead of CancellationException; when you catch "
                        + "InterruptedException, restore the flag (Thread.currentThread().interrupt()) and throw "
                        + "CancellationException", outcome.failure());
            }
            assertThat(outcome.interruptedAtExit())
                    .as("entity '%s': the thread's interrupt flag was cleared when fetchEntity ended; an interrupt "
                            + "was swallowed (Thread.interrupted() or a catch of InterruptedException that does not "
                            + "call Thread.currentThread().interrupt())", entity.name())
                    .isTrue();
        });
    }

    @Test
    void closeLeavesNoThreadsRunning() throws InterruptedException {
        ThreadSnapshot before = ThreadSnapshot.take();
        BaseConnector connector = newConnector();
        connector.initialize(context(config(), new CountingRateLimiter()));
        try {
            connector.testConnection();
            for (EntityDescriptor entity : connector.getAvailableEntities()) {
                fetch(connector, options(entity));
            }
        } finally {
            connector.close();
        }
        List<String> survivors = before.survivorsAfter(cancellationBound(), this::isSharedThread).stream()
                .map(t -> "'" + t.getName() + "' (" + t.getState() + ")").toList();
        assertThat(survivors).as("thread(s) %s started while the connector worked are still running %s after "
                + "close(); stop executors and shut clients down in close(), or override isSharedThread(..) for "
                + "threads that are not the connector's", survivors, cancellationBound()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers for subclasses and checks

    /** The connector's metadata, from a new instance. */
    protected final ConnectorMetadata metadata() {
        return newConnector().getMetadata();
    }

    /** A new connector initialised with {@link #config()}; closed after the test. */
    protected final BaseConnector initializedConnector() {
        return initializedConnector(config());
    }

    /** A new connector initialised with {@code config}; closed after the test. */
    protected final BaseConnector initializedConnector(Map<String, Object> config) {
        return initializedConnector(config, new CountingRateLimiter());
    }

    /** Fetch options for {@code entity} at the contract's batch size, before {@code onBatch}. */
    protected final FetchOptions.Builder options(EntityDescriptor entity) {
        return FetchOptions.builder(entity.name()).batchSize(contractBatchSize());
    }

    private BaseConnector initializedConnector(Map<String, Object> config, CountingRateLimiter limiter) {
        BaseConnector connector = newConnector();
        try {
            connector.initialize(context(config, limiter));
        } catch (IllegalStateException e) {
            throw new AssertionError("initialize failed: " + e.getMessage() + "; newConnector() must return a new "
                    + "instance on every call", e);
        }
        opened.add(connector);
        return connector;
    }

    private FakeConnectorContext context(Map<String, Object> config, CountingRateLimiter limiter) {
        BaseConnector probe = newConnector();
        return FakeConnectorContext.of(probe, config).withSettings(settings()).withRateLimiter(limiter);
    }

    private Stream<DynamicTest> forEachEntity(Consumer<EntityDescriptor> check) {
        return initializedConnector().getAvailableEntities().stream()
                .map(entity -> DynamicTest.dynamicTest(entity.name(), () -> check.accept(entity)));
    }

    private Stream<DynamicTest> forEachIncrementalEntity(Consumer<EntityDescriptor> check) {
        List<EntityDescriptor> incremental = initializedConnector().getAvailableEntities().stream()
                .filter(EntityDescriptor::isIncremental).toList();
        assumeTrue(!incremental.isEmpty(), "no entity declares a cursor field, so none syncs incrementally");
        return incremental.stream().map(entity -> DynamicTest.dynamicTest(entity.name(), () -> check.accept(entity)));
    }

    private RecordingBatches fetch(BaseConnector connector, FetchOptions.Builder options) {
        return fetch(connector, options, "a full run");
    }

    private RecordingBatches fetch(BaseConnector connector, FetchOptions.Builder options, String what) {
        RecordingBatches batches = new RecordingBatches();
        FetchOptions built = options.onBatch(batches).build();
        try {
            connector.fetchEntity(built);
        } catch (RuntimeException e) {
            throw new AssertionError("entity '" + built.entity() + "': fetchEntity threw " + e + " on " + what, e);
        }
        return batches;
    }

    private RecordingBatches fetchWithRecords(BaseConnector connector, EntityDescriptor entity) {
        return fetchWithRecords(connector, entity, new CountingRateLimiter());
    }

    private RecordingBatches fetchWithRecords(BaseConnector connector, EntityDescriptor entity,
            CountingRateLimiter limiter) {
        RecordingBatches run = fetch(connector, options(entity).rateLimiter(limiter));
        assumeTrue(run.records().size() + run.deletedKeys().size() > 0, () -> "entity '" + entity.name()
                + "' returned no records with config(), so there is nothing to check; give the fake source data");
        return run;
    }

    private void requireSeveralBatches(EntityDescriptor entity) {
        int batches = fetchWithRecords(initializedConnector(), entity).count();
        assumeTrue(batches > 1, () -> "entity '" + entity.name() + "' fits in one batch of "
                + contractBatchSize() + ", so stopping between batches cannot be observed; give it more records "
                + "or lower contractBatchSize()");
    }

    private Instant cursorOf(EntityDescriptor entity, Map<String, Object> record) {
        String field = entity.cursorField().orElseThrow();
        return CursorValue.parse(record.get(field)).orElseThrow(() -> new AssertionError("entity '" + entity.name()
                + "': record " + RecordDiff.keyOf(record, entity.primaryKey()) + " has cursor field '" + field
                + "' = " + record.get(field) + ", which is neither ISO-8601 text with an offset nor Unix epoch "
                + "seconds; the runtime cannot derive since from it"));
    }

    private static List<Map<String, Object>> records(List<Batch> batches) {
        return batches.stream().flatMap(b -> b.records().stream()).toList();
    }

    private static List<Map<String, Object>> deletions(List<Batch> batches) {
        return batches.stream().flatMap(b -> b.deletedKeys().stream()).toList();
    }

    /** How a fetch on its own thread ended: its exception (null when it returned) and its interrupt flag then. */
    private record Outcome(Throwable failure, boolean interruptedAtExit) {
    }

    private Outcome fetchOnOwnThread(BaseConnector connector, FetchOptions options, EntityDescriptor entity,
            String what) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            Throwable failure = null;
            try {
                connector.fetchEntity(options);
            } catch (Throwable t) {
                failure = t;
            }
            outcome.complete(new Outcome(failure, Thread.currentThread().isInterrupted()));
        }, "contract-fetch-" + entity.name());
        thread.setDaemon(true);
        thread.start();
        try {
            return outcome.get(cancellationBound().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError("entity '" + entity.name() + "': fetchEntity was still running "
                    + cancellationBound() + " after " + what + "; check options.isCancelled() between requests and "
                    + "let CancellationException propagate (do not catch it and carry on)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the fetch", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }
}

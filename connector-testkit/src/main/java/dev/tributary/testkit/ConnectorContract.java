package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
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
 *     private FakeHttpServer server;
 *
 *     protected void startFakeServer() { server = FakeHttpServer.start().dispatch(new MyFakeApi()); }
 *     protected void stopFakeServer() { server.close(); }
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
 * makes one fetch per batch. A fake server must answer any number of requests, so answer with a function of the
 * request ({@link FakeHttpServer#dispatch}) rather than a queue. Entities without records in the contract
 * configuration are skipped, with a reason.
 *
 * <p>Runs offline. The thread-leak check assumes the test class does not run in parallel with others.
 * Instances are made per test method by JUnit; the class is not thread-safe.
 */
public abstract class ConnectorContract {

    private static final Pattern SEMANTIC_VERSION = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-.]+)?");
    private static final Pattern CONNECTOR_ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final String SPI_PACKAGE = "dev.tributary.spi";

    private final ContractHarness harness = new ContractHarness(this);
    private final FetchChecks fetchChecks = new FetchChecks(this, harness);
    private final StopChecks stopChecks = new StopChecks(this, harness);

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
     *     and Okio's watchdog (their idle threads end on their own a minute later and belong to no client),
     *     MockWebServer's threads, and the JDK 17 HTTP client's
     *     selector thread (that client has no {@code close()}; the thread ends when the client is collected). The
     *     JDK client's worker threads are not accepted: give the client an executor of your own
     *     ({@code HttpClient.newBuilder().executor(..)}) and shut it down in {@code close()}.
     */
    protected boolean isSharedThread(Thread thread) {
        String name = thread.getName();
        return name.startsWith("ForkJoinPool.commonPool") || name.equals("Common-Cleaner")
                || name.startsWith("OkHttp TaskRunner") || name.equals("Okio Watchdog")
                || name.startsWith("MockWebServer")
                || name.matches("HttpClient-\\d+-SelectorManager");
    }

    @BeforeEach
    final void startContractServer() throws Exception {
        startFakeServer();
    }

    @AfterEach
    final void closeConnectorsAndStopContractServer() throws Exception {
        try {
            harness.closeAll();
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
                .anyMatch(entity -> !harness.fetch(connector, options(entity)).records().isEmpty());
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
    // ---------------------------------------------------------------------------------------------------------
    // Per entity: batches, keys, states, resume, repeatability, rate limiter

    @TestFactory
    Stream<DynamicTest> batchesNeverExceedTheBatchSize() {
        return harness.forEachEntity(fetchChecks::batchesNeverExceedTheBatchSize);
    }

    @TestFactory
    Stream<DynamicTest> everyRecordHasItsPrimaryKey() {
        return harness.forEachEntity(fetchChecks::everyRecordHasItsPrimaryKey);
    }

    @TestFactory
    Stream<DynamicTest> everyBatchCarriesAResumeState() {
        return harness.forEachEntity(fetchChecks::everyBatchCarriesAResumeState);
    }

    @TestFactory
    Stream<DynamicTest> resumingFromEachStateYieldsExactlyTheRemainingRecords() {
        return harness.forEachEntity(fetchChecks::resumingFromEachStateYieldsExactlyTheRemainingRecords);
    }

    @TestFactory
    Stream<DynamicTest> aSecondFullRunGivesTheSameRecords() {
        return harness.forEachEntity(fetchChecks::aSecondFullRunGivesTheSameRecords);
    }

    @TestFactory
    Stream<DynamicTest> fetchesGoThroughTheRateLimiter() {
        return harness.forEachEntity(fetchChecks::fetchesGoThroughTheRateLimiter);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Incremental entities

    @TestFactory
    Stream<DynamicTest> sinceReturnsOnlyRecordsAtOrAfterIt() {
        return harness.forEachIncrementalEntity(fetchChecks::sinceReturnsOnlyRecordsAtOrAfterIt);
    }

    @TestFactory
    Stream<DynamicTest> aFarFutureSinceReturnsNothing() {
        return harness.forEachIncrementalEntity(fetchChecks::aFarFutureSinceReturnsNothing);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cancellation, interrupts, threads

    @TestFactory
    Stream<DynamicTest> cancellationStopsTheFetchBeforeAnotherRequest() {
        return harness.forEachEntity(stopChecks::cancellationStopsTheFetchBeforeAnotherRequest);
    }

    @TestFactory
    Stream<DynamicTest> anInterruptStopsTheFetchAndStaysSet() {
        return harness.forEachEntity(stopChecks::anInterruptStopsTheFetchAndStaysSet);
    }

    @Test
    void closeLeavesNoThreadsRunning() throws InterruptedException {
        stopChecks.closeLeavesNoThreadsRunning();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers for subclasses

    /** The connector's metadata, from a new instance. */
    protected final ConnectorMetadata metadata() {
        return newConnector().getMetadata();
    }

    /** A new connector initialised with {@link #config()}; closed after the test. */
    protected final BaseConnector initializedConnector() {
        return harness.initializedConnector();
    }

    /** A new connector initialised with {@code config}; closed after the test. */
    protected final BaseConnector initializedConnector(Map<String, Object> config) {
        return harness.initializedConnector(config, new CountingRateLimiter());
    }

    /** Fetch options for {@code entity} at the contract's batch size, before {@code onBatch}. */
    protected final FetchOptions.Builder options(EntityDescriptor entity) {
        return harness.options(entity);
    }
}

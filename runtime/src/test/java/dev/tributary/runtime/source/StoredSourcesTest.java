package dev.tributary.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tributary.runtime.config.ConfigValidationException;
import dev.tributary.runtime.crypto.EncryptionKey;
import dev.tributary.runtime.destination.JdbcDestinationProvider;
import dev.tributary.runtime.store.DataSourceChanges;
import dev.tributary.runtime.store.DataSourceDraft;
import dev.tributary.runtime.store.DataSources;
import dev.tributary.runtime.store.EntityRunResult;
import dev.tributary.runtime.store.RunStatus;
import dev.tributary.runtime.store.RunTrigger;
import dev.tributary.runtime.store.Store;
import dev.tributary.runtime.store.StoreLocation;
import dev.tributary.runtime.store.SyncAlreadyRunningException;
import dev.tributary.runtime.store.SyncLeases;
import dev.tributary.runtime.store.SyncRun;
import dev.tributary.runtime.store.SyncRuns;
import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.SyncEngine;
import dev.tributary.runtime.sync.SyncListener;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.config.Settings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredSourcesTest {

    @TempDir
    Path home;

    private final NumbersWorld world = new NumbersWorld();
    private SyncLeases leases;
    private StoredSources sources;

    @BeforeEach
    void open() {
        Clock clock = Clock.systemUTC();
        Store store = Store.open(StoreLocation.defaultIn(home), clock);
        EncryptionKey key = EncryptionKey.generate(new SecureRandom());
        SyncRuns runs = new SyncRuns(store, clock);
        leases = new SyncLeases(store, runs, clock, Duration.ofSeconds(60), "test");
        JdbcDestinationProvider destinations = new JdbcDestinationProvider();
        sources = new StoredSources(new DataSources(store, () -> key, clock, warehouse("warehouse")), runs, leases,
                world, new SyncEngine(), url -> destinations.open(url, name -> null));
    }

    @AfterEach
    void close() {
        leases.close();
    }

    private String warehouse(String name) {
        return "jdbc:sqlite:" + home.resolve(name + ".db");
    }

    private void createCrm(Settings settings, String... targets) {
        sources.create(DataSourceDraft.of("crm", "numbers", Map.of("api_key", "good", "count", "7"))
                .withSettings(settings).withTargetDatabases(List.of(targets)));
    }

    @Test
    void syncsIntoEveryTargetWithTablesPrefixedBySourceNameAndRecordsTheRun() throws SQLException {
        createCrm(Settings.DEFAULTS, warehouse("a"), warehouse("b"));

        SyncRun run = sources.sync("crm", SourceSyncOptions.all(RunTrigger.CLI), SyncListener.NONE,
                new CancelHandle());

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.entities()).extracting(EntityRunResult::entity, EntityRunResult::records)
                .containsExactlyInAnyOrder(tuple("numbers", 7L),
                        tuple("squares", 7L),
                        tuple("numbers", 7L),
                        tuple("squares", 7L));
        assertThat(count(warehouse("a"), "crm_numbers")).isEqualTo(7);
        assertThat(count(warehouse("b"), "crm_squares")).isEqualTo(7);
        assertThat(sources.runs(Optional.of("crm"), 5)).containsExactly(run);
    }

    @Test
    void honoursTheSourceSettingsAndRequestedEntities() throws SQLException {
        createCrm(Settings.DEFAULTS.withBatchSize(3), warehouse("a"));

        SyncRun run = sources.sync("crm", new SourceSyncOptions(List.of("squares"), true, RunTrigger.API),
                SyncListener.NONE, new CancelHandle());

        assertThat(run.entities()).extracting(EntityRunResult::entity).containsExactly("squares");
        assertThat(world.batchSizes).containsOnly(3);
        assertThat(count(warehouse("a"), "crm_squares")).isEqualTo(7);
    }

    @Test
    void refusesASecondSyncOfTheSameSourceWhileTheFirstRuns() throws Exception {
        createCrm(Settings.DEFAULTS, warehouse("a"));
        CountDownLatch inFetch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        world.beforeFetch = () -> {
            inFetch.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        CompletableFuture<SyncRun> first = CompletableFuture.supplyAsync(() -> sources.sync("crm",
                new SourceSyncOptions(List.of("numbers"), false, RunTrigger.SCHEDULE), SyncListener.NONE,
                new CancelHandle()));
        assertThat(inFetch.await(30, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> sources.sync("crm", SourceSyncOptions.all(RunTrigger.CLI), SyncListener.NONE,
                new CancelHandle()))
                .isInstanceOf(SyncAlreadyRunningException.class)
                .hasMessageContaining("data source 'crm' is already being synced");

        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
        world.beforeFetch = () -> { };
        assertThat(sources.sync("crm", SourceSyncOptions.all(RunTrigger.CLI), SyncListener.NONE,
                new CancelHandle()).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void recordsAnUnknownEntityAsAFailedRunNamingTheAvailableOnes() {
        createCrm(Settings.DEFAULTS, warehouse("a"));

        SyncRun run = sources.sync("crm", new SourceSyncOptions(List.of("cubes"), false, RunTrigger.CLI),
                SyncListener.NONE, new CancelHandle());

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).contains("unknown entity 'cubes'; available: numbers, squares");
    }

    @Test
    void recordsAnUnreachableTargetWithoutStoppingTheOthers() throws SQLException {
        createCrm(Settings.DEFAULTS, "jdbc:sqlite:", warehouse("b"));

        SyncRun run = sources.sync("crm", SourceSyncOptions.all(RunTrigger.CLI), SyncListener.NONE,
                new CancelHandle());

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(run.entities()).filteredOn(result -> result.entity().equals("*")).singleElement()
                .satisfies(result -> assertThat(result.error()).hasValueSatisfying(error -> assertThat(error)
                        .startsWith("target database failed: SQLite destination URL needs a file path")));
        assertThat(count(warehouse("b"), "crm_numbers")).isEqualTo(7);
    }

    @Test
    void reportsTheConnectorsMessageWhenTheConnectionTestFails() {
        sources.create(DataSourceDraft.of("crm", "numbers", Map.of("api_key", "bad")));

        ConnectionTestResult result = sources.test("crm");

        assertThat(result.success()).isFalse();
        assertThat(result.message()).isEqualTo("authentication failed: the API key was rejected (HTTP 401)");
        assertThat(sources.update("crm", DataSourceChanges.NONE.withConfig(Map.of("api_key", "good")))
                .name()).isEqualTo("crm");
        assertThat(sources.test("crm").success()).isTrue();
    }

    @Test
    void validatesAgainstTheConnectorsSchemaAndListsItsEntities() {
        assertThatThrownBy(() -> sources.create(DataSourceDraft.of("crm", "numbers", Map.of("count", "x"))))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("api_key: is required")
                .hasMessageContaining("count: must be a whole number");
        assertThatThrownBy(() -> sources.create(DataSourceDraft.of("crm", "nope", Map.of())))
                .hasMessageContaining("no connector 'nope'");

        sources.create(DataSourceDraft.of("crm", "numbers", Map.of("api_key", "good")));
        assertThat(sources.entities("crm")).extracting(EntityDescriptor::name).containsExactly("numbers", "squares");
    }

    private static long count(String url, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

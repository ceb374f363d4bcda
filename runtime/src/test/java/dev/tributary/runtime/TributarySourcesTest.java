package dev.tributary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.crypto.MissingKeyException;
import dev.tributary.runtime.crypto.WrongKeyException;
import dev.tributary.runtime.plugin.UnknownConnectorException;
import dev.tributary.runtime.source.SourceSyncOptions;
import dev.tributary.runtime.store.DataSource;
import dev.tributary.runtime.store.DataSourceChanges;
import dev.tributary.runtime.store.DataSourceDraft;
import dev.tributary.runtime.store.KeyRotation;
import dev.tributary.runtime.store.RunStatus;
import dev.tributary.runtime.store.RunTrigger;
import dev.tributary.runtime.store.SyncRun;
import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.SyncListener;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TributarySourcesTest {

    private static final String CANARY = "sk_live_CANARY_embedding_91c2";

    @TempDir
    Path home;

    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void installPlugin() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        TestPlugins.installJar("good-secret", plugins);
        environment.put("ENCRYPTION_KEY", Tributary.generateKey().reveal());
    }

    private Tributary open() {
        return Tributary.builder().home(home).classpathDiscovery(false).environment(environment::get).build();
    }

    @Test
    void managesAndSyncsAStoredSourceThroughThePluginRegistry() {
        try (Tributary tributary = open()) {
            tributary.createSource(DataSourceDraft.of("shop", "secretive", Map.of("api_key", CANARY, "count", "4")));

            assertThat(tributary.testSource("shop").success()).isTrue();
            SyncRun run = tributary.syncSource("shop", SourceSyncOptions.all(RunTrigger.CLI), SyncListener.NONE,
                    new CancelHandle());

            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.records()).isEqualTo(4);
            assertThat(run.entities().get(0).targetDatabase()).endsWith("warehouse.db");
            assertThat(tributary.runs(Optional.of("shop"), 10)).containsExactly(run);
            assertThat(tributary.run(run.id())).contains(run);
            assertThat(tributary.run("no-such-run")).isEmpty();
            assertThat(tributary.sources()).extracting(DataSource::name).containsExactly("shop");
            assertThat(tributary.sources().toString()).doesNotContain(CANARY);
        }
        assertThat(home.resolve("tributary.db")).exists();
        assertThat(home.resolve("warehouse.db")).exists();
    }

    @Test
    void reportsTheConnectorsMessageWhenTheTestFailsAndKeepsTheSecretOnUpdate() {
        try (Tributary tributary = open()) {
            tributary.createSource(DataSourceDraft.of("shop", "secretive", Map.of("api_key", "bad-key")));

            assertThat(tributary.testSource("shop").message())
                    .isEqualTo("authentication failed: the API key was rejected (HTTP 401)");
            tributary.updateSource("shop", DataSourceChanges.NONE.withConfig(Map.of("count", "9")));
            assertThat(tributary.source("shop").config().asMap()).containsEntry("api_key", "bad-key")
                    .containsEntry("count", 9L);
        }
    }

    @Test
    void refusesAnUnknownConnectorAndAMissingKey() {
        try (Tributary tributary = open()) {
            assertThatThrownBy(() -> tributary.createSource(DataSourceDraft.of("shop", "stripe", Map.of())))
                    .isInstanceOf(UnknownConnectorException.class).hasMessageContaining("stripe");
        }
        environment.remove("ENCRYPTION_KEY");
        try (Tributary tributary = open()) {
            assertThatThrownBy(() -> tributary.createSource(DataSourceDraft.of("shop", "secretive",
                    Map.of("api_key", CANARY)))).isInstanceOf(MissingKeyException.class);
            assertThat(tributary.sources()).isEmpty();
        }
    }

    @Test
    void rotatesFromThePreviousKeyToTheCurrentOne() {
        try (Tributary tributary = open()) {
            tributary.createSource(DataSourceDraft.of("shop", "secretive", Map.of("api_key", CANARY)));
        }
        environment.put("ENCRYPTION_KEY_PREVIOUS", environment.get("ENCRYPTION_KEY"));
        environment.put("ENCRYPTION_KEY", Tributary.generateKey().reveal());
        try (Tributary tributary = open()) {
            assertThat(tributary.rotateKey()).isEqualTo(new KeyRotation(1, 0));
            assertThat(tributary.source("shop").config().asMap()).containsEntry("api_key", CANARY);
        }
        environment.put("ENCRYPTION_KEY", environment.get("ENCRYPTION_KEY_PREVIOUS"));
        try (Tributary tributary = open()) {
            assertThatThrownBy(() -> tributary.source("shop")).isInstanceOf(WrongKeyException.class);
        }
    }

    @Test
    void keepsDataSourcesAndRunsInPostgresqlWhenTheStoreUrlSaysSo() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            environment.put("TRIBUTARY_STORE_URL", "postgresql://postgres:postgres@localhost:" + postgres.getPort()
                    + "/postgres");
            try (Tributary tributary = open()) {
                tributary.createSource(DataSourceDraft.of("shop", "secretive", Map.of("api_key", CANARY)));
                SyncRun run = tributary.syncSource("shop", SourceSyncOptions.all(RunTrigger.API), SyncListener.NONE,
                        new CancelHandle());

                assertThat(tributary.storeLocation().toString()).startsWith("jdbc:postgresql://localhost:")
                        .doesNotContain("password=postgres");
                assertThat(tributary.runs(Optional.empty(), 5)).containsExactly(run);
            }
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    ResultSet rows = connection.createStatement().executeQuery("SELECT config FROM data_sources")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).startsWith("v1:").doesNotContain(CANARY);
            }
            assertThat(home.resolve("tributary.db")).doesNotExist();
        }
    }

    @Test
    void usesTheStoreNamedByTheEnvironment() {
        environment.put("TRIBUTARY_STORE_URL", "jdbc:sqlite:" + home.resolve("elsewhere/store.db"));
        try (Tributary tributary = open()) {
            tributary.createSource(DataSourceDraft.of("shop", "secretive", Map.of("api_key", CANARY)));
        }
        assertThat(home.resolve("elsewhere/store.db")).exists();
        assertThat(home.resolve("tributary.db")).doesNotExist();
    }
}

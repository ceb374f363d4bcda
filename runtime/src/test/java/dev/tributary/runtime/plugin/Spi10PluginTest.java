package dev.tributary.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.SyncJob;
import dev.tributary.runtime.TestPlugins;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.sync.EntityResult;
import dev.tributary.runtime.sync.EntityStatus;
import dev.tributary.runtime.sync.SyncResult;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise to strangers: a plugin compiled against connector SPI 1.0 (the sample connector's jar as released,
 * kept in {@code compat/spi-1.0/}) loads unchanged in this runtime and syncs.
 */
class Spi10PluginTest {

    @TempDir
    Path home;

    private Path plugins;

    @BeforeEach
    void installTheReleasedJar() throws Exception {
        plugins = Files.createDirectories(home.resolve("plugins"));
        TestPlugins.copy(TestPlugins.compatJar("spi-1.0", "connector-sample-1.0.jar"),
                plugins.resolve("connector-sample-1.0.jar"));
    }

    @Test
    void aPluginBuiltForSpi10LoadsAndReportsItsVersion() {
        try (PluginRegistry registry = Registries.open(plugins)) {
            PluginReport report = registry.plugins().get(0);

            assertThat(report.status()).isEqualTo(PluginStatus.LOADED);
            assertThat(report.spiVersion()).contains("1.0");
            assertThat(report.failures()).isEmpty();
            assertThat(registry.connectors()).extracting(ConnectorInfo::id).containsExactly("sample");
        }
    }

    @Test
    void itsEntitiesCarryNoDeclaredSchema() {
        try (PluginRegistry registry = Registries.open(plugins)) {
            ConnectorInfo sample = registry.connectors().get(0);

            assertThat(sample.metadata().supportedEntities()).extracting(EntityDescriptor::name)
                    .containsExactly("customers", "orders");
            assertThat(sample.metadata().supportedEntities()).extracting(EntityDescriptor::schema)
                    .containsOnly(Optional.empty());
        }
    }

    @Test
    void aPluginBuiltForSpi10SyncsUnderTheRuntimeDefaultBudget() {
        try (Tributary tributary = Tributary.builder().home(home).classpathDiscovery(false).build()) {
            SyncResult result = tributary.sync(SyncJob.builder("sample").config(Map.of("records", "5")).build());

            assertThat(result.budget()).hasValueSatisfying(budget -> {
                assertThat(budget.origin()).isEqualTo("runtime_default");
                assertThat(budget.requestsPerSecond()).isEqualTo(Settings.DEFAULTS.requestsPerSecond());
            });
        }
    }

    @Test
    void aPluginBuiltForSpi10SyncsEveryRecordIntoSqlite() throws Exception {
        try (Tributary tributary = Tributary.builder().home(home).classpathDiscovery(false).build()) {
            SyncResult result = tributary.sync(SyncJob.builder("sample").config(Map.of("records", "25")).build());

            assertThat(result.entities()).extracting(EntityResult::entity, EntityResult::status, EntityResult::records)
                    .containsExactlyInAnyOrder(Tuple.tuple("customers", EntityStatus.DONE, 25L),
                            Tuple.tuple("orders", EntityStatus.DONE, 25L));
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("warehouse.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT (SELECT count(*) FROM sample_customers),"
                        + " (SELECT count(*) FROM sample_orders)")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(25);
            assertThat(rows.getInt(2)).isEqualTo(25);
        }
    }
}

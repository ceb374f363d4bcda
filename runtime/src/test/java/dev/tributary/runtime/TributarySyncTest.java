package dev.tributary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.config.ConfigValidationException;
import dev.tributary.runtime.plugin.UnknownConnectorException;
import dev.tributary.runtime.sync.EntityResult;
import dev.tributary.runtime.sync.EntityStatus;
import dev.tributary.runtime.sync.SyncResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syncs through the root API with a connector loaded as a plugin in its own class loader. */
class TributarySyncTest {

    @TempDir
    Path home;

    private Tributary tributary() throws Exception {
        TestPlugins.installJar("good-simple", Files.createDirectories(home.resolve("plugins")));
        return Tributary.builder().home(home).classpathDiscovery(false).build();
    }

    @Test
    void syncsAPluginConnectorIntoTheDefaultSqliteWarehouse() throws Exception {
        try (Tributary tributary = tributary()) {
            SyncResult result = tributary.sync(SyncJob.builder("simple").config(Map.of("count", "40")).build());

            assertThat(result.entities()).extracting(EntityResult::entity, EntityResult::status, EntityResult::records)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("items", EntityStatus.DONE, 40L));
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("warehouse.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*), sum(json_extract(_record,"
                        + " '$.contextLoaderIsPlugin')), min(_data_source) FROM simple_items")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(40);
            assertThat(rows.getInt(2)).as("fetched with the plugin's class loader as context loader").isEqualTo(40);
            assertThat(rows.getString(3)).isEqualTo("simple");
        }
    }

    @Test
    void syncsIntoADestinationLoadedFromThePluginsFolder() throws Exception {
        TestPlugins.installFolder("good-destination", Files.createDirectories(home.resolve("plugins")));
        Path warehouse = home.resolve("json-warehouse");
        try (Tributary tributary = tributary()) {
            assertThat(tributary.destinations().installed()).extracting(d -> d.metadata().id())
                    .contains("jdbc", "jsonfile");
            for (int run = 0; run < 2; run++) {
                SyncResult result = tributary.sync(SyncJob.builder("simple").config(Map.of("count", "40"))
                        .destination("jsonfile:" + warehouse).build());

                assertThat(result.succeeded()).as(result.toString()).isTrue();
                assertThat(result.entities().get(0).records()).isEqualTo(40);
            }
        }
        JsonNode table = new ObjectMapper().readTree(warehouse.resolve("simple_items.json").toFile());
        assertThat(table.get("rows").size()).as("upserted on the primary key, not appended").isEqualTo(40);
        assertThat(table.at("/state/finished").asBoolean()).isTrue();
        // Rows are keyed by the JSON array of their key values.
        assertThat(table.get("rows").get("[\"1\"]").get("_data_source").asText()).isEqualTo("simple");
    }

    @Test
    void tablePrefixAndDataSourceNameCanBeChosen() throws Exception {
        try (Tributary tributary = tributary()) {
            SyncResult result = tributary.sync(SyncJob.builder("simple").dataSourceName("crm").tablePrefix("raw")
                    .destination("jdbc:sqlite:" + home.resolve("other.db")).entities(List.of("items")).build());

            assertThat(result.succeeded()).isTrue();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("other.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*), min(_data_source) FROM raw_items")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(3);
            assertThat(rows.getString(2)).isEqualTo("crm");
        }
    }

    @Test
    void invalidConfigurationIsRejectedBeforeAnythingRunsNamingEveryField() throws Exception {
        try (Tributary tributary = tributary()) {
            assertThatThrownBy(() -> tributary.sync(SyncJob.builder("simple")
                    .config(Map.of("count", "many", "colour", "blue")).build()))
                    .isInstanceOf(ConfigValidationException.class)
                    .hasMessageContaining("count").hasMessageContaining("colour").hasMessageNotContaining("many");
        }
        assertThat(home.resolve("warehouse.db")).doesNotExist();
    }

    @Test
    void unknownConnectorAndBadDestinationAreReported() throws Exception {
        try (Tributary tributary = tributary()) {
            assertThatThrownBy(() -> tributary.sync(SyncJob.builder("nope").build()))
                    .isInstanceOf(UnknownConnectorException.class).hasMessageContaining("simple");
            assertThatThrownBy(() -> tributary.sync(SyncJob.builder("simple").destination("oracle:thin:x").build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported destination");
        }
    }
}

package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first sync of a connector whose schema is discovered after {@code initialize} into a blob-only table of the
 * version before typed tables: the engine hands the schema to the destination, which migrates the stored records
 * with it (Stripe's epoch-second {@code created} becomes a timestamp column), the run continues incrementally from
 * the stored state instead of fetching everything again, and later typed batches add no variant column.
 */
class BlobTableMigrationSyncTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path directory;

    @Test
    void migratesASqliteBlobTableWithTheDiscoveredSchemaAndResumesIncrementally() {
        migratesWithTheDiscoveredSchema(Databases.sqlite(directory), "TEXT", "TEXT",
                "CAST(strftime('%s', created) AS INTEGER)");
    }

    @Test
    void migratesAPostgresBlobTableWithTheDiscoveredSchemaAndResumesIncrementally() throws SQLException {
        String schema = "migration_sync";
        try (Connection connection = DriverManager.getConnection(POSTGRES.url(), "postgres", ""); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        migratesWithTheDiscoveredSchema(POSTGRES.harness(schema), "JSONB", "TIMESTAMPTZ",
                "CAST(extract(epoch FROM created) AS BIGINT)");
    }

    private void migratesWithTheDiscoveredSchema(SyncHarness harness, String jsonType, String timeType,
            String createdSeconds) {
        createBlobTableOfVersion10(harness, jsonType, timeType);
        List<FetchOptions> calls = new CopyOnWriteArrayList<>();

        for (Map<String, Object> record : List.of(customer("cus_3", 1_700_010_000L),
                customer("cus_4", 1_700_020_000L))) {
            assertThat(harness.sync(new StripeLikeConnector(calls, record), SyncHarness.request("customers"),
                    SyncListener.NONE, new CancelHandle()).succeeded()).isTrue();
        }

        assertThat(calls).extracting(FetchOptions::since).containsExactly(
                Optional.of(Instant.ofEpochSecond(1_700_003_600L)), Optional.of(Instant.ofEpochSecond(1_700_010_000L)));
        assertThat(calls).extracting(FetchOptions::resumeState).containsOnly(Optional.empty());
        assertThat(harness.rows("SELECT id, " + createdSeconds + ", balance FROM src_customers ORDER BY id"))
                .containsExactly(List.of("cus_1", "1700000000", "100"), List.of("cus_2", "1700003600", "-5"),
                        List.of("cus_3", "1700010000", "0"), List.of("cus_4", "1700020000", "0"));
        assertThat(harness.rows("SELECT \"type\", \"run\" FROM _tributary_schema WHERE \"table\" = 'src_customers'"
                + " AND \"column\" LIKE 'created%'")).containsExactly(List.of("TIMESTAMP", "migration"));
        assertThat(harness.rows("SELECT count(*) FROM _tributary_schema WHERE \"table\" = 'src_customers'"
                + " AND \"run\" <> 'migration'")).containsExactly(List.of("0"));
        assertThat(harness.records("src_customers").get("cus_1")).contains("1700000000");
    }

    private static Map<String, Object> customer(String id, long created) {
        return Map.of("id", id, "object", "customer", "created", created, "balance", 0L);
    }

    /** The table and finished incremental state the version before typed tables left, with its plain SQL. */
    private static void createBlobTableOfVersion10(SyncHarness harness, String jsonType, String timeType) {
        harness.execute("CREATE TABLE src_customers (id TEXT NOT NULL, _record " + jsonType + " NOT NULL,"
                        + " _synced_at " + timeType + " NOT NULL, _data_source TEXT NOT NULL, _deleted_at " + timeType
                        + ", PRIMARY KEY (id))",
                "CREATE TABLE IF NOT EXISTS _tributary_state (prefix TEXT NOT NULL, entity TEXT NOT NULL, mode TEXT"
                        + " NOT NULL, finished INTEGER NOT NULL, position TEXT, since TEXT, max_cursor TEXT,"
                        + " updated_at TEXT NOT NULL, PRIMARY KEY (prefix, entity))",
                "INSERT INTO src_customers (id, _record, _synced_at, _data_source) VALUES ('cus_1', '{\"id\":"
                        + "\"cus_1\",\"object\":\"customer\",\"created\":1700000000,\"balance\":100}',"
                        + " '2025-01-01T00:00:00Z', 'src'), ('cus_2', '{\"id\":\"cus_2\",\"object\":\"customer\","
                        + "\"created\":1700003600,\"balance\":-5}', '2025-01-01T00:00:00Z', 'src')",
                "INSERT INTO _tributary_state VALUES ('src', 'customers', 'INCREMENTAL', 1, NULL, NULL,"
                        + " '2023-11-14T23:13:20Z', '2025-01-01T00:00:00Z')");
    }

    /**
     * Stripe-like customers whose schema, as a GraphQL connector's, is only known after {@code initialize}: its
     * metadata declares none. Its fetch records its options in {@code calls} and hands over one record.
     */
    private static final class StripeLikeConnector extends BaseConnector {

        private static final EntityDescriptor CUSTOMERS = EntityDescriptor.of("customers").withCursorField("created");
        private final List<FetchOptions> calls;
        private final Map<String, Object> record;

        StripeLikeConnector(List<FetchOptions> calls, Map<String, Object> record) {
            this.calls = calls;
            this.record = record;
        }

        @Override
        public ConnectorMetadata getMetadata() {
            return ConnectorMetadata.builder("stripelike").name("Stripe-like").version("1.0")
                    .description("customers with epoch timestamps").supportedEntities(CUSTOMERS).build();
        }

        @Override
        public List<EntityDescriptor> getAvailableEntities() {
            return List.of(CUSTOMERS.withSchema(EntitySchema.of(SchemaField.integer("balance"),
                    SchemaField.timestamp("created", ValueFormat.EPOCH_SECONDS))));
        }

        @Override
        public ConnectionTestResult testConnection() {
            return ConnectionTestResult.success("ok");
        }

        @Override
        public void fetchEntity(FetchOptions options) {
            calls.add(options);
            options.onBatch(List.of(record), "done");
        }
    }
}

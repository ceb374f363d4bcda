package dev.tributary.destination.duckdb;

import static dev.tributary.destination.duckdb.TypedRun.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.SyncMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables a DuckDB file keeps next to the entity tables, now written by destination-support through
 * {@link DuckDbMetadata}: the same layout as the plugin's earlier copies of that code gave, and files made by them
 * keep working.
 */
class DuckDbMetadataTest {

    private static final EntityTable CUSTOMERS = new EntityTable("shop", "customers", List.of("id"), "shop");
    private static final Instant T1 = Instant.parse("2026-01-02T03:04:05Z");
    private static final String OPEN_RUN = TypedTables.OPEN_RUN;

    @TempDir
    Path temp;

    private Path file() {
        return temp.resolve("warehouse.duckdb");
    }

    private Destination open() {
        return new DuckDbDestinationProvider().open("jdbc:duckdb:" + file(), name -> null);
    }

    private List<String> columns(String table) throws Exception {
        return DuckDbFiles.query(file(), "SELECT column_name || ' ' || data_type FROM information_schema.columns"
                + " WHERE table_name = '" + table + "' ORDER BY ordinal_position");
    }

    @Test
    void theMetadataTablesHaveTheLayoutOfEarlierVersions() throws Exception {
        try (Destination destination = open(); TypedRun run = new TypedRun(destination, CUSTOMERS,
                SyncMode.INCREMENTAL)) {
            run.write(List.of(row("id", "cus_1", "email", "a@example.com")), T1);
        }

        assertThat(columns("_tributary_schema")).containsExactly("id BIGINT", "table VARCHAR", "column VARCHAR",
                "type VARCHAR", "native_type VARCHAR", "change VARCHAR", "time TIMESTAMP WITH TIME ZONE",
                "run VARCHAR", "source_path VARCHAR", "parent_table VARCHAR", "reason VARCHAR");
        assertThat(columns("_tributary_state")).containsExactly("prefix VARCHAR", "entity VARCHAR", "mode VARCHAR",
                "finished INTEGER", "position VARCHAR", "since VARCHAR", "max_cursor VARCHAR", "updated_at VARCHAR");
        assertThat(columns("_tributary_events")).containsExactly("prefix VARCHAR", "event_id VARCHAR",
                "event_time BIGINT", "applied_at VARCHAR");
        assertThat(columns("_tributary_row_events")).containsExactly("prefix VARCHAR", "entity VARCHAR",
                "row_key VARCHAR", "event_time BIGINT", "deleted INTEGER");
        assertThat(DuckDbFiles.query(file(), "SELECT id, \"column\", \"type\", native_type, \"change\", \"run\""
                + " FROM _tributary_schema ORDER BY id"))
                .containsExactly("1|id|STRING|VARCHAR|CREATE_TABLE|" + OPEN_RUN,
                        "2|email|STRING|VARCHAR|ADD_COLUMN|run-1");
        assertThat(DuckDbFiles.query(file(), "SELECT epoch_ms(\"time\") FROM _tributary_schema WHERE id = 2"))
                .as("a TIMESTAMPTZ of the batch's time").containsExactly(String.valueOf(T1.toEpochMilli()));
        assertThat(DuckDbFiles.query(file(), "SELECT entity, position FROM _tributary_state"))
                .containsExactly("customers|page-1");
    }

    @Test
    void aFileWhoseMetadataTablesAnEarlierVersionCreatedIsReadAndWritten() throws Exception {
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:" + file(), new Properties());
                Statement statement = connection.createStatement()) {
            // The DDL of the plugin's own SchemaHistory, StateTable and EventLedger before destination-support.
            statement.execute("CREATE SEQUENCE IF NOT EXISTS _tributary_schema_id");
            statement.execute("CREATE TABLE _tributary_schema (id BIGINT PRIMARY KEY DEFAULT"
                    + " nextval('_tributary_schema_id'), \"table\" VARCHAR NOT NULL, \"column\" VARCHAR, \"type\""
                    + " VARCHAR, native_type VARCHAR, \"change\" VARCHAR NOT NULL, \"time\" TIMESTAMPTZ NOT NULL,"
                    + " \"run\" VARCHAR NOT NULL, source_path VARCHAR, parent_table VARCHAR, reason VARCHAR NOT NULL)");
            statement.execute("CREATE TABLE _tributary_state (prefix TEXT NOT NULL, entity TEXT NOT NULL,"
                    + " mode TEXT NOT NULL, finished INTEGER NOT NULL, position TEXT, since TEXT, max_cursor TEXT,"
                    + " updated_at TEXT NOT NULL, PRIMARY KEY (prefix, entity))");
            statement.execute("CREATE TABLE _tributary_events (prefix VARCHAR NOT NULL, event_id VARCHAR NOT NULL,"
                    + " event_time BIGINT NOT NULL, applied_at VARCHAR NOT NULL, PRIMARY KEY (prefix, event_id))");
            statement.execute("CREATE TABLE _tributary_row_events (prefix VARCHAR NOT NULL, entity VARCHAR NOT"
                    + " NULL, row_key VARCHAR NOT NULL, event_time BIGINT NOT NULL, deleted INTEGER NOT NULL,"
                    + " PRIMARY KEY (prefix, entity, row_key))");
        }

        try (Destination destination = open()) {
            try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
                run.write(List.of(row("id", "cus_1", "email", "a@example.com")), T1);
            }
            assertThat(destination.readLayout(CUSTOMERS).orElseThrow().table().columns()).extracting(Column::name)
                    .containsExactly("email");
            assertThat(destination.readState(CUSTOMERS).orElseThrow().position()).contains("page-1");
        }
        assertThat(DuckDbFiles.query(file(), "SELECT id, \"column\", native_type FROM _tributary_schema ORDER BY id"))
                .containsExactly("1|id|VARCHAR", "2|email|VARCHAR");
    }
}

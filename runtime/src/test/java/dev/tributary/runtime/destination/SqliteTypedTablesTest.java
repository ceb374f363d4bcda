package dev.tributary.runtime.destination;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** Typed tables in a real SQLite file. */
class SqliteTypedTablesTest extends TypedTableChecks {

    @TempDir
    Path directory;

    private String url() {
        return "jdbc:sqlite:" + directory.resolve("warehouse.db");
    }

    @Override
    JdbcDestination destination() {
        return JdbcDestination.open(DestinationUrl.parse(url(), Optional.empty(), name -> null), clock());
    }

    @Override
    Connection connection() throws SQLException {
        return DriverManager.getConnection(url());
    }

    @Override
    String table(String name) {
        return "\"" + name + "\"";
    }

    @Override
    List<String> blobTableOfVersion10() {
        List<String> sql = new ArrayList<>(List.of(
                "CREATE TABLE \"stripe_customers\" (\"id\" TEXT NOT NULL, \"_record\" TEXT NOT NULL, \"_synced_at\""
                        + " TEXT NOT NULL, \"_data_source\" TEXT NOT NULL, \"_deleted_at\" TEXT, PRIMARY KEY (\"id\"))",
                "CREATE TABLE IF NOT EXISTS \"_tributary_state\" (prefix TEXT NOT NULL, entity TEXT NOT NULL,"
                        + " mode TEXT NOT NULL, finished INTEGER NOT NULL, position TEXT, since TEXT, max_cursor TEXT,"
                        + " updated_at TEXT NOT NULL, PRIMARY KEY (prefix, entity))"));
        sql.addAll(blobRows("\"stripe_customers\"", "\"_tributary_state\""));
        return sql;
    }

    @Override
    String epochSeconds(String column) {
        return "CAST(strftime('%s', " + column + ") AS INTEGER)";
    }
}

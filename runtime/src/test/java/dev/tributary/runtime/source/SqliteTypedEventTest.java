package dev.tributary.runtime.source;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/** Typed webhook events into a real SQLite file. */
class SqliteTypedEventTest extends TypedEventChecks {

    @TempDir
    Path directory;

    @Override
    String url() {
        return "jdbc:sqlite:" + directory.resolve("warehouse.db");
    }

    @Override
    Connection connection() throws SQLException {
        return DriverManager.getConnection(url());
    }

    @Override
    String table(String name) {
        return "\"" + name + "\"";
    }
}

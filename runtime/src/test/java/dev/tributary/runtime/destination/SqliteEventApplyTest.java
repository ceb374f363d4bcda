package dev.tributary.runtime.destination;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** Event application into a SQLite file. */
class SqliteEventApplyTest extends EventApplyChecks {

    @TempDir
    Path directory;

    @Override
    String url() {
        return "jdbc:sqlite:" + directory.resolve("warehouse.db");
    }

    @Override
    Connection connect() throws Exception {
        return DriverManager.getConnection(url());
    }

    @Override
    Optional<String> schema() {
        return Optional.empty();
    }
}

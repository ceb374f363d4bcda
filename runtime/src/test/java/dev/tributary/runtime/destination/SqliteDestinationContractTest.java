package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.DestinationProvider;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.testkit.DestinationContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-in JDBC destination on SQLite files keeps the testkit's destination contract. */
class SqliteDestinationContractTest extends DestinationContract {

    @Override
    protected DestinationProvider provider() {
        return new JdbcDestinationProvider();
    }

    @Override
    protected String destinationUrl(Path directory) {
        return "jdbc:sqlite:" + directory.resolve("warehouse.db");
    }

    @Override
    protected List<Map<String, Object>> readRows(String url, EntityTable table) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            return JdbcRows.read(connection, Optional.empty(), table);
        }
    }
}

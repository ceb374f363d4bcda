package dev.tributary.destination.duckdb;

import dev.tributary.spi.destination.DestinationProvider;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.testkit.DestinationContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/** The DuckDB destination keeps the testkit's destination contract, read back through the DuckDB driver. */
class DuckDbDestinationContractTest extends DestinationContract {

    @Override
    protected DestinationProvider provider() {
        return new DuckDbDestinationProvider();
    }

    @Override
    protected String destinationUrl(Path directory) {
        return "jdbc:duckdb:" + directory.resolve("warehouse.duckdb");
    }

    @Override
    protected List<Map<String, Object>> readRows(String url, EntityTable table) throws Exception {
        String name = EntityTables.of(table).live();
        try (Connection connection = new DuckDBDriver().connect(url, new Properties());
                Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery(
                    "SELECT 1 FROM information_schema.tables WHERE table_name = '" + name + "'")) {
                if (!tables.next()) {
                    return List.of();
                }
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("SELECT * FROM " + EntityTables.quote(name))) {
                ResultSetMetaData columns = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        Object value = result.getObject(i);
                        row.put(columns.getColumnLabel(i), value instanceof OffsetDateTime time
                                ? Timestamp.from(time.toInstant()) : value == null ? null : result.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}

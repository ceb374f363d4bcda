package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.EntityTable;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an entity's live table over a plain JDBC connection, as a person querying the database would, for the
 * destination contract: every column by name, timestamps as {@link Timestamp}, everything else as text.
 */
final class JdbcRows {

    private JdbcRows() {
    }

    /** The rows of {@code table}'s live table in {@code schema}; empty when the table does not exist. */
    static List<Map<String, Object>> read(Connection connection, Optional<String> schema, EntityTable table)
            throws SQLException {
        String name = TableNames.of(table).live();
        DatabaseMetaData metadata = connection.getMetaData();
        try (ResultSet tables = metadata.getTables(null, schema.orElse(null), name, null)) {
            if (!tables.next()) {
                return List.of();
            }
        }
        String qualified = schema.map(s -> "\"" + s + "\".").orElse("") + "\"" + name + "\"";
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM " + qualified)) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    Object value = result.getObject(i);
                    row.put(columns.getColumnLabel(i), value instanceof Timestamp ? value : result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}

package dev.tributary.destination.duckdb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/** Reads a DuckDB file with the driver directly, as a person checking the result would. */
final class DuckDbFiles {

    private DuckDbFiles() {
    }

    /** Every row of the query, each as its columns' text joined with {@code |} ({@code null} for SQL NULL). */
    static List<String> query(Path file, String sql) throws SQLException {
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:" + file, new Properties());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<String> result = new ArrayList<>();
            while (rows.next()) {
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(rows.getString(i));
                }
                result.add(String.join("|", columns));
            }
            return result;
        }
    }

    /** Whether the file has a table of that name. */
    static boolean hasTable(Path file, String table) throws SQLException {
        return !query(file, "SELECT table_name FROM information_schema.tables WHERE table_name = '" + table + "'")
                .isEmpty();
    }
}

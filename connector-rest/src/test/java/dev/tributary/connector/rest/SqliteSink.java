package dev.tributary.connector.rest;

import dev.tributary.connector.http.JsonCodec;
import dev.tributary.spi.Batch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A real SQLite file written the way the runtime writes: each batch's rows upserted on the primary key and its resume
 * state stored in the same transaction, so a crash between batches loses nothing and repeats nothing.
 */
final class SqliteSink implements AutoCloseable {

    private static final JsonCodec JSON = new JsonCodec();

    private final Connection connection;

    SqliteSink(Path file) throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS rows (entity TEXT, pk TEXT, body TEXT, "
                    + "PRIMARY KEY (entity, pk))");
            statement.execute("CREATE TABLE IF NOT EXISTS state (entity TEXT PRIMARY KEY, resume TEXT)");
        }
        connection.setAutoCommit(false);
    }

    /** A batch consumer writing {@code entity}'s rows keyed by {@code primaryKey}. */
    Consumer<Batch> writer(String entity, List<String> primaryKey) {
        return batch -> {
            try (PreparedStatement row = connection.prepareStatement(
                    "INSERT INTO rows VALUES (?, ?, ?) ON CONFLICT (entity, pk) DO UPDATE SET body = excluded.body");
                    PreparedStatement state = connection.prepareStatement(
                            "INSERT INTO state VALUES (?, ?) ON CONFLICT (entity) DO UPDATE SET resume = "
                                    + "excluded.resume")) {
                for (Map<String, Object> record : batch.records()) {
                    row.setString(1, entity);
                    row.setString(2, primaryKey.stream().map(key -> String.valueOf(record.get(key)))
                            .reduce((a, b) -> a + "|" + b).orElseThrow());
                    row.setString(3, JSON.write(record));
                    row.addBatch();
                }
                row.executeBatch();
                state.setString(1, entity);
                state.setString(2, batch.resumeState());
                state.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The stored resume state of {@code entity}. */
    Optional<String> state(String entity) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT resume FROM state WHERE entity = ?")) {
            query.setString(1, entity);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
        } finally {
            connection.rollback(); // ends the read transaction, so another process can write
        }
    }

    /** The stored rows of {@code entity}, by key. */
    Map<String, Map<String, Object>> rows(String entity) throws SQLException {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT pk, body FROM rows WHERE entity = ?")) {
            query.setString(1, entity);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), JSON.parseObject(result.getString(2)));
                }
            }
        } finally {
            connection.rollback(); // ends the read transaction, so another process can write
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}

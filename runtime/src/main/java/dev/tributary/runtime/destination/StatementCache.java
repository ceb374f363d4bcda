package dev.tributary.runtime.destination;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepared statements of one connection kept by SQL text, so batches of an unchanged layout reuse them. At most
 * {@value #MAX_STATEMENTS} stay open: partial chunks differ in size from batch to batch, each with its own text. Not
 * thread-safe: used by one writer.
 */
final class StatementCache implements AutoCloseable {

    static final int MAX_STATEMENTS = 32;

    private final Map<String, PreparedStatement> statements = new HashMap<>();

    /** The statement of {@code text} on {@code connection}, prepared on first use; the cache closes it. */
    PreparedStatement get(Connection connection, String text) throws SQLException {
        PreparedStatement statement = statements.get(text);
        if (statement == null) {
            if (statements.size() >= MAX_STATEMENTS) {
                close();
            }
            statement = connection.prepareStatement(text);
            statements.put(text, statement);
        }
        return statement;
    }

    /** Closes every statement kept (after a schema change, whose statements would be stale); the cache stays usable. */
    @Override
    public void close() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // Closing the connection releases it too.
            }
        }
        statements.clear();
    }
}

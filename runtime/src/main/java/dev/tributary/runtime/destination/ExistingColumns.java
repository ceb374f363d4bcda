package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.TableLayout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The columns the physical tables of one schema have now, read from the database's catalog, and a recorded layout
 * cut to them: a crash, or a table of an earlier version, may leave fewer columns than the schema history records.
 * Stateless; thread-safe.
 */
final class ExistingColumns {

    private final SqlDialect dialect;
    private final Optional<String> schema;

    ExistingColumns(SqlDialect dialect, Optional<String> schema) {
        this.dialect = dialect;
        this.schema = schema;
    }

    /** The columns of a physical table, each with whether it is NOT NULL; empty when the table does not exist. */
    Optional<Map<String, Boolean>> of(Connection connection, String physical) throws SQLException {
        Map<String, Boolean> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(dialect.columnsQuery())) {
            statement.setString(1, physical);
            statement.setString(2, schema.orElse(null));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1), rows.getInt(2) == 1);
                }
            }
        }
        return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
    }

    /**
     * The recorded layout cut to the tables and columns that physically exist, reading each table under the name
     * {@code physical} gives it (a staging copy) or its own when absent; a child table that does not exist is left
     * out.
     */
    EntityLayout restrict(Connection connection, EntityLayout recorded, Optional<UnaryOperator<String>> physical)
            throws SQLException {
        UnaryOperator<String> name = physical.orElse(n -> n);
        TableLayout entity = restrict(recorded.table(), of(connection, name.apply(recorded.table().name()))
                .map(Map::keySet).orElse(Set.of()));
        List<TableLayout> children = new ArrayList<>();
        for (TableLayout child : recorded.children()) {
            Optional<Map<String, Boolean>> columns = of(connection, name.apply(child.name()));
            if (columns.isPresent()) {
                children.add(restrict(child, columns.get().keySet()));
            }
        }
        return new EntityLayout(entity, children);
    }

    private static TableLayout restrict(TableLayout recorded, Set<String> physical) {
        return new TableLayout(recorded.name(), recorded.keyColumns(),
                recorded.columns().stream().filter(c -> physical.contains(c.name())).toList(), recorded.parent());
    }
}

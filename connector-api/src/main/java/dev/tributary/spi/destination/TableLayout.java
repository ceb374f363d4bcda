package dev.tributary.spi.destination;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The typed columns of one table: an entity's table, or one of its child tables (one per array of objects).
 *
 * <p>Besides these columns every entity table has the system columns {@code _record} (the raw record as JSON,
 * nullable), {@code _synced_at}, {@code _data_source} and {@code _deleted_at}; every child table has
 * {@code _synced_at}. The destination creates and fills those itself.
 *
 * @param name the table name, already normalised by the runtime; for an entity table it is the name the destination
 *     derives from {@link EntityTable} (the destination may qualify it with a schema or use a staging copy of it)
 * @param keyColumns for an entity table, its primary-key columns (always {@link ColumnType#STRING}); for a child
 *     table, the parent's key columns in the parent's order (named {@code _parent_<key>}) followed by
 *     {@code _position} ({@link ColumnType#INTEGER}, the element's index in the array); never empty
 * @param columns the data columns, in the order they were added; names unique and distinct from the key columns
 * @param parent for a child table, the name of its entity table; absent for an entity table
 * @since 1.1
 */
public record TableLayout(String name, List<Column> keyColumns, List<Column> columns, Optional<String> parent) {

    public TableLayout {
        Objects.requireNonNull(name, "name");
        keyColumns = List.copyOf(Objects.requireNonNull(keyColumns, "keyColumns"));
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        Objects.requireNonNull(parent, "parent");
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("table '" + name + "' needs at least one key column");
        }
        Set<String> seen = new HashSet<>();
        for (Column column : keyColumns) {
            requireNew(seen, column, name);
        }
        for (Column column : columns) {
            requireNew(seen, column, name);
        }
    }

    private static void requireNew(Set<String> seen, Column column, String table) {
        if (!seen.add(column.name())) {
            throw new IllegalArgumentException("table '" + table + "' has column '" + column.name() + "' twice");
        }
    }

    /** The data column with the given name, if the table has it. */
    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** A copy with one more data column at the end. */
    public TableLayout withColumn(Column column) {
        List<Column> more = new ArrayList<>(columns);
        more.add(column);
        return new TableLayout(name, keyColumns, more, parent);
    }

    /** A copy in which the data column of the same name is replaced by {@code column} (after widening). */
    public TableLayout withReplacedColumn(Column column) {
        if (column(column.name()).isEmpty()) {
            throw new IllegalArgumentException("table '" + name + "' has no column '" + column.name() + "'");
        }
        return new TableLayout(name, keyColumns,
                columns.stream().map(c -> c.name().equals(column.name()) ? column : c).toList(), parent);
    }
}

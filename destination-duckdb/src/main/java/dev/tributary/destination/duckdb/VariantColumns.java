package dev.tributary.destination.duckdb;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.TableLayout;
import dev.tributary.spi.destination.TypedWrite;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The text variant columns that keep values DuckDB's column types cannot hold ({@link DuckDbTypes#fits}): a column's
 * variant is a later {@link ColumnType#STRING} column of the same source field (so the runtime's
 * {@code <column>__v_text} serves when it has one), else one this writer adds, named {@code <column>__v_text} (or
 * with {@code _2}, {@code _3}, … when taken). Until the runtime reads the layout again it does not know the added
 * ones, so they are put back into every batch's layout. One per writer; not thread-safe.
 */
final class VariantColumns {

    /** Adds a variant column to the database and its history, inside the batch's transaction. */
    interface Adder {
        void add(TableLayout table, Column base, Column variant) throws SQLException;
    }

    private final Map<String, List<Column>> added = new HashMap<>();

    /** A copy that later additions to this one leave as it is. */
    VariantColumns copy() {
        VariantColumns copy = new VariantColumns();
        added.forEach((table, columns) -> copy.added.put(table, new ArrayList<>(columns)));
        return copy;
    }

    /**
     * The batch's layout with the variant columns added earlier and those its rows need now, each new one passed to
     * {@code adder} first.
     */
    EntityLayout extend(TypedWrite typed, Adder adder) throws SQLException {
        return extend(typed.layout(), typed, adder);
    }

    /** Like {@link #extend(TypedWrite, Adder)} from {@code layout} instead of the batch's own layout. */
    EntityLayout extend(EntityLayout layout, TypedWrite typed, Adder adder) throws SQLException {
        TableLayout entity = extend(withAdded(layout.table()), typed.rows(), adder);
        List<TableLayout> children = new ArrayList<>();
        for (TableLayout child : layout.children()) {
            children.add(extend(withAdded(child), typed.childRows().getOrDefault(child.name(), List.of()), adder));
        }
        return new EntityLayout(entity, children);
    }

    private TableLayout withAdded(TableLayout table) {
        TableLayout result = table;
        for (Column column : added.getOrDefault(table.name(), List.of())) {
            if (result.column(column.name()).isEmpty()) {
                result = result.withColumn(column);
            }
        }
        return result;
    }

    private TableLayout extend(TableLayout table, List<Map<String, Object>> rows, Adder adder) throws SQLException {
        TableLayout result = table;
        for (Column column : table.columns()) {
            if (!mayNotFit(column.type()) || variantOf(result, column).isPresent()
                    || rows.stream().allMatch(row -> DuckDbTypes.fits(column.type(), row.get(column.name())))) {
                continue;
            }
            String name = column.name() + "__v_text";
            for (int n = 2; result.column(name).isPresent(); n++) {
                name = column.name() + "__v_text_" + n;
            }
            Column variant = new Column(name, ColumnType.STRING, column.sourcePath(), "");
            adder.add(table, column, variant);
            added.computeIfAbsent(table.name(), t -> new ArrayList<>()).add(variant);
            result = result.withColumn(variant);
        }
        return result;
    }

    /**
     * For each of {@code columns} (a table's columns in staging order) that is the variant of another, that other
     * column, whose values that do not fit go into it; null elsewhere.
     */
    static Column[] overflowSources(TableLayout table, List<Column> columns) {
        Column[] sources = new Column[columns.size()];
        for (Column column : columns) {
            if (mayNotFit(column.type())) {
                variantOf(table, column).ifPresent(variant -> sources[columns.indexOf(variant)] = column);
            }
        }
        return sources;
    }

    private static boolean mayNotFit(ColumnType type) {
        return type == ColumnType.NUMBER || type == ColumnType.TIMESTAMP || type == ColumnType.DATE;
    }

    /** The text variant column of {@code column}: a later text column of the same source field. */
    private static Optional<Column> variantOf(TableLayout table, Column column) {
        return table.columns().stream().filter(c -> c.type() == ColumnType.STRING && !c.name().equals(column.name())
                && !column.sourcePath().isEmpty() && c.sourcePath().equals(column.sourcePath())).findFirst();
    }
}

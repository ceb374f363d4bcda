package dev.tributary.spi.destination;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The typed form of one {@link WriteBatch}, computed by the runtime for destinations whose
 * {@link DestinationMetadata#typedTables()} is true: the schema changes the batch needs and its rows as typed
 * column values, so a destination creates and evolves typed tables without parsing JSON.
 *
 * <p>In the batch's one transaction the destination, in this order: applies {@link #changes()} (in list order),
 * records each in its schema history, upserts {@link #rows()} into the entity table on its key columns, replaces the
 * child rows of every parent key in {@link #rows()} (for each child table of the layout, delete that parent's rows,
 * then insert its rows from {@link #childRows()}), marks {@link WriteBatch#deletedKeys()} deleted (their child rows
 * stay as they were, like the parent row), and stores the state.
 *
 * <p>Row values are of the Java class of their column's {@link ColumnType}, or {@code null}; a column missing from
 * a row map is {@code null} too. Entity-table rows hold the key columns and data columns, plus {@code _record} (the
 * raw record's JSON text) unless the data source keeps no raw records; the destination adds {@code _synced_at},
 * {@code _data_source} and {@code _deleted_at}. Child rows hold their key columns and data columns; the destination
 * adds {@code _synced_at}. The runtime does not change the maps after handing them over.
 *
 * @param layout the entity's layout after {@link #changes()}; every column of every row is in it
 * @param changes the schema changes to apply first; usually empty
 * @param rows one row per record of {@link WriteBatch#records()}, in the same order, one per key (the runtime has
 *     already kept only the last record of a key)
 * @param childRows the rows of each child table, by child table name; a child table without entry gets no rows
 * @param runId identifies the run in the schema history; never empty
 * @since 1.1
 */
public record TypedWrite(
        EntityLayout layout, List<SchemaChange> changes, List<Map<String, Object>> rows,
        Map<String, List<Map<String, Object>>> childRows, String runId) {

    public TypedWrite {
        Objects.requireNonNull(layout, "layout");
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
        Map<String, List<Map<String, Object>>> children = new LinkedHashMap<>();
        Objects.requireNonNull(childRows, "childRows").forEach((table, tableRows) -> {
            if (layout.tableNamed(table).flatMap(TableLayout::parent).isEmpty()) {
                throw new IllegalArgumentException("rows for '" + table + "', which is not a child table of '"
                        + layout.table().name() + "'");
            }
            children.put(table, List.copyOf(tableRows));
        });
        childRows = Collections.unmodifiableMap(children);
        Objects.requireNonNull(runId, "runId");
        if (runId.isEmpty()) {
            throw new IllegalArgumentException("runId must not be empty");
        }
    }
}

package dev.tributary.runtime.destination;

import dev.tributary.runtime.typing.RowSlots;
import dev.tributary.runtime.typing.SlotRow;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.TableLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads typed rows' values in the order of one table layout's key and data columns, then {@code _record}. A
 * {@link SlotRow} is read by slot, with the column-to-slot positions resolved once per layout and version of the
 * rows' slots; any other map (rows a third party or an older typer made) by column name. Not thread-safe: one per
 * writer and layout.
 */
final class RowValues {

    private static final String RECORD = "_record";

    private final TableLayout layout;
    private final List<Column> columns;
    private RowSlots slots;
    /** The slot of each column of {@link #columns} then of {@code _record}; -1 when the slots have none. */
    private int[] positions;

    RowValues(TableLayout layout) {
        this.layout = layout;
        List<Column> all = new ArrayList<>(layout.keyColumns());
        all.addAll(layout.columns());
        this.columns = List.copyOf(all);
    }

    /** The layout whose columns these are. */
    TableLayout layout() {
        return layout;
    }

    /** The key columns then the data columns of the layout, in the order {@link #value} numbers them. */
    List<Column> columns() {
        return columns;
    }

    /** The value of the {@code i}th of {@link #columns()} in {@code row}, or null. */
    Object value(Map<String, Object> row, int i) {
        return read(row, i, columns.get(i).name());
    }

    /** The row's {@code _record} JSON text, or null. */
    String record(Map<String, Object> row) {
        return (String) read(row, columns.size(), RECORD);
    }

    private Object read(Map<String, Object> row, int i, String name) {
        if (row instanceof SlotRow slotted) {
            resolve(slotted.slots());
            int slot = positions[i];
            return slot < 0 ? null : slotted.valueAt(slot);
        }
        return row.get(name);
    }

    /** Resolves the positions again unless they were resolved for {@code given} or a later version of it. */
    private void resolve(RowSlots given) {
        if (given == slots || (slots != null && slots.covers(given))) {
            return;
        }
        slots = given;
        positions = new int[columns.size() + 1];
        for (int i = 0; i < columns.size(); i++) {
            positions[i] = given.slot(columns.get(i).name());
        }
        positions[columns.size()] = given.slot(RECORD);
    }
}

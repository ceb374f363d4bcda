package dev.tributary.destination.duckdb;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.TableLayout;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;

/**
 * Appends typed rows of one {@link TableLayout} through DuckDB's appender into a table whose columns, in their
 * physical order, are given by name: a column of the layout takes the row's value (a value that does not fit its
 * column is null there and, as text, in the column's {@link VariantColumns variant}), {@code _record} the row's JSON
 * text, {@code _synced_at} and {@code _data_source} the batch's, and any other column ({@code _deleted_at}, a column
 * the layout does not know) null. Serves a staging table (the layout's columns and {@code _record}) and a live or
 * full-refresh table appended into directly. Not thread-safe.
 */
final class RowAppender {

    private static final int RECORD = -1;
    private static final int SYNCED_AT = -2;
    private static final int DATA_SOURCE = -3;
    private static final int NULL = -4;

    private final List<Column> columns;
    private final Column[] overflowOf;
    /** Per physical column: the index of its layout column, or one of the constants above. */
    private final int[] slots;

    RowAppender(TableLayout layout, List<String> physical) {
        this.columns = TypedTableSql.all(layout);
        this.overflowOf = VariantColumns.overflowSources(layout, columns);
        this.slots = new int[physical.size()];
        List<String> names = columns.stream().map(Column::name).toList();
        for (int i = 0; i < slots.length; i++) {
            String name = physical.get(i);
            slots[i] = switch (name) {
                case "_record" -> RECORD;
                case "_synced_at" -> SYNCED_AT;
                case "_data_source" -> DATA_SOURCE;
                default -> names.contains(name) ? names.indexOf(name) : NULL;
            };
        }
    }

    /** Appends {@code rows} into a table without {@code _synced_at} and {@code _data_source} (a staging table). */
    void append(DuckDBAppender appender, List<Map<String, Object>> rows) throws SQLException {
        append(appender, rows, Instant.EPOCH, "");
    }

    /**
     * Appends {@code rows}, then flushes: DuckDB's JDBC appender drops the error of a flush done by {@code close()},
     * so a row the table refuses (a primary-key violation) is only reported by this explicit flush.
     *
     * @throws SQLException when DuckDB refuses a row; the rows of the transaction are then in an unknown state
     */
    void append(DuckDBAppender appender, List<Map<String, Object>> rows, Instant syncedAt, String dataSource)
            throws SQLException {
        long syncedMicros = DuckDbTypes.micros(syncedAt);
        for (Map<String, Object> row : rows) {
            appender.beginRow();
            for (int slot : slots) {
                switch (slot) {
                    case RECORD -> DuckDbTypes.append(appender, ColumnType.STRING, row.get("_record"));
                    case SYNCED_AT -> appender.appendEpochMicros(syncedMicros);
                    case DATA_SOURCE -> appender.append(dataSource);
                    case NULL -> appender.appendNull();
                    default -> DuckDbTypes.append(appender, columns.get(slot).type(), stored(row, slot));
                }
            }
            appender.endRow();
        }
        appender.flush();
    }

    /** The value stored in layout column {@code index}: the row's when it fits, else the text of its overflow. */
    private Object stored(Map<String, Object> row, int index) {
        Column column = columns.get(index);
        Object value = row.get(column.name());
        if (!DuckDbTypes.fits(column.type(), value)) {
            value = null;
        }
        Column base = overflowOf[index];
        if (value == null && base != null) {
            Object original = row.get(base.name());
            if (!DuckDbTypes.fits(base.type(), original)) {
                value = DuckDbTypes.text(original);
            }
        }
        return value;
    }
}

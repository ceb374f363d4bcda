package dev.tributary.spi.destination;

import java.util.Objects;
import java.util.Optional;

/**
 * One change to an entity's typed tables, decided by the runtime and applied by the destination in the same
 * transaction as the rows that need it, then recorded in the destination's schema history ({@code _tributary_schema}:
 * table, column, type, change, time, run).
 *
 * @param kind what changes
 * @param table the entity table or child table that changes (for {@link Kind#CREATE_TABLE}, the new child table,
 *     whose key columns are in the batch's {@link TypedWrite#layout()})
 * @param column the column added or widened, with its new type; absent for {@link Kind#CREATE_TABLE}
 * @param previousType for {@link Kind#WIDEN_COLUMN}, the column's type before; otherwise absent
 * @param reason a short phrase for people, e.g. {@code "new field address.city"}; may be empty
 * @since 1.1
 */
public record SchemaChange(
        Kind kind, String table, Optional<Column> column, Optional<ColumnType> previousType, String reason) {

    /** The kinds of change. Destinations must support all of them. */
    public enum Kind {
        /** A new child table, with its key columns and {@code _synced_at}; its data columns follow as additions. */
        CREATE_TABLE,
        /** A new nullable data column, for a field seen for the first time. */
        ADD_COLUMN,
        /**
         * A data column whose type becomes a wider one without losing any stored value; the only widening is
         * {@link ColumnType#INTEGER} to {@link ColumnType#NUMBER}.
         */
        WIDEN_COLUMN,
        /**
         * A new nullable variant column (e.g. {@code balance__v_text}) for values that do not fit the column of their
         * field; otherwise like {@link #ADD_COLUMN}.
         */
        ADD_VARIANT_COLUMN
    }

    public SchemaChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(previousType, "previousType");
        Objects.requireNonNull(reason, "reason");
        if ((kind == Kind.CREATE_TABLE) == column.isPresent()) {
            throw new IllegalArgumentException(kind + " of table '" + table + "' "
                    + (kind == Kind.CREATE_TABLE ? "takes no column" : "needs a column"));
        }
        if ((kind == Kind.WIDEN_COLUMN) != previousType.isPresent()) {
            throw new IllegalArgumentException("only WIDEN_COLUMN has a previous type (table '" + table + "')");
        }
    }
}

package dev.tributary.runtime.typing;

import dev.tributary.spi.destination.ColumnType;
import java.util.List;

/** One part of a {@link FlatRecord}: a value for one column, or an array that may become child rows. */
sealed interface FlatPart permits FlatPart.Leaf, FlatPart.Array {

    /**
     * A value bound for one column.
     *
     * @param path where it is in the record
     * @param value the value as the source gave it; never null
     * @param natural the column type it gets when its column is new: the declared type, or the inferred one
     * @param converted {@code value} converted to {@code natural}, or null when it does not fit that type
     * @param actual the type inferred from the value alone
     * @param jsonReason why an undeclared object is kept whole as JSON, for the warning; null when it is not one
     */
    record Leaf(FieldPath path, Object value, ColumnType natural, Object converted, ColumnType actual,
            String jsonReason) implements FlatPart {
    }

    /**
     * An array of objects (or an empty array) of the entity table, which becomes child rows when its path has (or
     * may get) a child table.
     *
     * @param path where it is in the record
     * @param elements each element's parts, in order; null for an element that is not an object
     * @param whenNoChildTable for an empty array, its value as a JSON column when the path has no child table;
     *     null otherwise
     */
    record Array(FieldPath path, List<List<FlatPart>> elements, Leaf whenNoChildTable) implements FlatPart {
    }
}

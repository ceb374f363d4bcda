package dev.tributary.spi.destination;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The typed shape of one entity in a destination: its table and its child tables.
 *
 * @param table the entity's table
 * @param children the child tables, one per array-of-objects field, each with {@link TableLayout#parent()} naming
 *     {@code table}; may be empty
 * @since 1.1
 */
public record EntityLayout(TableLayout table, List<TableLayout> children) {

    public EntityLayout {
        Objects.requireNonNull(table, "table");
        children = List.copyOf(Objects.requireNonNull(children, "children"));
        if (table.parent().isPresent()) {
            throw new IllegalArgumentException("entity table '" + table.name() + "' cannot have a parent");
        }
        Set<String> names = new HashSet<>();
        names.add(table.name());
        for (TableLayout child : children) {
            if (!child.parent().equals(Optional.of(table.name()))) {
                throw new IllegalArgumentException("child table '" + child.name() + "' must name '" + table.name()
                        + "' as its parent");
            }
            if (!names.add(child.name())) {
                throw new IllegalArgumentException("table '" + child.name() + "' appears twice in the layout of '"
                        + table.name() + "'");
            }
        }
    }

    /** The layout of a table with only its key columns and no child tables, as a new entity starts. */
    public static EntityLayout keysOnly(String table, List<Column> keyColumns) {
        return new EntityLayout(new TableLayout(table, keyColumns, List.of(), Optional.empty()), List.of());
    }

    /** The entity table or child table with the given name, if part of this layout. */
    public Optional<TableLayout> tableNamed(String name) {
        if (table.name().equals(name)) {
            return Optional.of(table);
        }
        return children.stream().filter(child -> child.name().equals(name)).findFirst();
    }
}

package dev.tributary.destination.support;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.SchemaChange;
import dev.tributary.spi.destination.TableLayout;
import java.util.List;
import java.util.Optional;

/** Layouts of a {@code shop_orders} entity table with an {@code shop_orders__items} child table, for the tests. */
final class Layouts {

    static final Column ID = new Column("id", ColumnType.STRING, "id", "");
    static final Column PARENT_ID = new Column("_parent_id", ColumnType.STRING, "id", "");
    static final Column INDEX = new Column("_index", ColumnType.INTEGER, "", "");

    private Layouts() {
    }

    static Column column(String name, ColumnType type) {
        return new Column(name, type, name, "");
    }

    static TableLayout orders(Column... columns) {
        return new TableLayout("shop_orders", List.of(ID), List.of(columns), Optional.empty());
    }

    static TableLayout items(Column... columns) {
        return new TableLayout("shop_orders__items", List.of(PARENT_ID, INDEX), List.of(columns),
                Optional.of("shop_orders"));
    }

    static EntityLayout entity(TableLayout table, TableLayout... children) {
        return new EntityLayout(table, List.of(children));
    }

    static SchemaChange add(String table, Column column) {
        return new SchemaChange(SchemaChange.Kind.ADD_COLUMN, table, Optional.of(column), Optional.empty(), "new");
    }

    static SchemaChange widen(String table, Column column) {
        return new SchemaChange(SchemaChange.Kind.WIDEN_COLUMN, table, Optional.of(column),
                Optional.of(ColumnType.INTEGER), "wider");
    }

    static SchemaChange createTable(String table) {
        return new SchemaChange(SchemaChange.Kind.CREATE_TABLE, table, Optional.empty(), Optional.empty(), "list");
    }
}

package dev.tributary.destination.support;

import static dev.tributary.destination.support.Layouts.add;
import static dev.tributary.destination.support.Layouts.column;
import static dev.tributary.destination.support.Layouts.createTable;
import static dev.tributary.destination.support.Layouts.entity;
import static dev.tributary.destination.support.Layouts.items;
import static dev.tributary.destination.support.Layouts.orders;
import static dev.tributary.destination.support.Layouts.widen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.SchemaChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutChangesTest {

    private static final Column AMOUNT = column("amount", ColumnType.INTEGER);
    private static final Column WIDE_AMOUNT = column("amount", ColumnType.NUMBER);
    private static final Column NOTE = column("note", ColumnType.STRING);

    @Test
    void keepsOnlyTheChangesTheTablesDoNotHave() {
        EntityLayout current = entity(orders(AMOUNT), items());
        SchemaChange addAmount = add("shop_orders", AMOUNT);
        SchemaChange addNote = add("shop_orders", NOTE);
        SchemaChange createItems = createTable("shop_orders__items");
        SchemaChange createOther = createTable("shop_orders__tags");

        assertThat(LayoutChanges.pending(current, List.of(addAmount, createItems, addNote, createOther)))
                .containsExactly(addNote, createOther);
    }

    @Test
    void keepsAWideningOnlyWhileTheColumnHasTheNarrowType() {
        SchemaChange widening = widen("shop_orders", WIDE_AMOUNT);

        assertThat(LayoutChanges.pending(entity(orders(AMOUNT)), List.of(widening))).containsExactly(widening);
        assertThat(LayoutChanges.pending(entity(orders(WIDE_AMOUNT)), List.of(widening))).isEmpty();
    }

    @Test
    void refusesAColumnThatExistsWithAnotherTypeOrField() {
        EntityLayout current = entity(orders(AMOUNT));

        assertThatThrownBy(() -> LayoutChanges.pending(current, List.of(add("shop_orders",
                column("amount", ColumnType.STRING)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("table shop_orders has column amount as INTEGER")
                .hasMessageContaining("run the sync again");
        assertThatThrownBy(() -> LayoutChanges.pending(current, List.of(add("shop_orders",
                new Column("amount", ColumnType.INTEGER, "total.amount", "")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("for field 'total.amount'");
    }

    @Test
    void mergesTheColumnsAndTablesOnlyTheCurrentLayoutHasAfterTheWritesOwn() {
        EntityLayout current = entity(orders(AMOUNT, NOTE), items(NOTE));
        EntityLayout typed = entity(orders(AMOUNT));

        EntityLayout merged = LayoutChanges.merged(current, typed);

        assertThat(merged).isEqualTo(entity(orders(AMOUNT, NOTE), items(NOTE)));
    }

    @Test
    void mergeKeepsTheWritesColumnOrderAndChildren() {
        Column sku = column("sku", ColumnType.STRING);
        EntityLayout current = entity(orders(NOTE, AMOUNT), items(NOTE));
        EntityLayout typed = entity(orders(AMOUNT), items(sku));

        assertThat(LayoutChanges.merged(current, typed)).isEqualTo(entity(orders(AMOUNT, NOTE), items(sku, NOTE)));
    }

    @Test
    void mergeRefusesAColumnWhoseTypeChangedMeanwhile() {
        assertThatThrownBy(() -> LayoutChanges.merged(entity(orders(WIDE_AMOUNT)), entity(orders(AMOUNT))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("column amount as NUMBER")
                .hasMessageContaining("this write has it as INTEGER");
    }
}

package dev.tributary.runtime.server;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.DestinationProvider;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.TableLayout;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A typed destination for tests of the schema views, registered with {@code Tributary.Builder.destinationProvider}:
 * {@code layouts:typed} reports a typed {@code <prefix>_orders} table with a child table {@code <prefix>_orders__lines}
 * and no table for any other entity (as for a table not created yet); {@code layouts:down} cannot be opened. It only
 * reports layouts: syncing into it is refused.
 */
final class LayoutDestinationProvider implements DestinationProvider {

    static final String TYPED = "layouts:typed";
    static final String DOWN = "layouts:down";

    @Override
    public boolean accepts(String url) {
        return url.startsWith("layouts:");
    }

    @Override
    public Destination open(String url, UnaryOperator<String> environment) {
        if (!url.equals(TYPED)) {
            throw new DestinationException("the layouts test database is down");
        }
        return new Destination() {
            @Override
            public String describe() {
                return TYPED;
            }

            @Override
            public Optional<SyncState> readState(EntityTable table) {
                return Optional.empty();
            }

            @Override
            public EntityWriter openWriter(EntityTable table, SyncState state) {
                throw new UnsupportedOperationException("the layouts test destination only reports layouts");
            }

            @Override
            public boolean typedTables() {
                return true;
            }

            @Override
            public Optional<EntityLayout> readLayout(EntityTable table) {
                return table.entity().equals("orders") ? Optional.of(orders(table.prefix())) : Optional.empty();
            }

            @Override
            public void close() {
            }
        };
    }

    /** The layout {@code layouts:typed} reports for the orders of the data source {@code prefix}. */
    static EntityLayout orders(String prefix) {
        String table = prefix + "_orders";
        TableLayout orders = new TableLayout(table, List.of(new Column("id", ColumnType.STRING, "id", "")),
                List.of(new Column("name", ColumnType.STRING, "name", "The order's name"),
                        new Column("total__amount", ColumnType.NUMBER, "total.amount", "")),
                Optional.empty());
        TableLayout lines = new TableLayout(table + "__lines",
                List.of(new Column("_parent_id", ColumnType.STRING, "id", ""),
                        new Column("_position", ColumnType.INTEGER, "", "")),
                List.of(new Column("sku", ColumnType.STRING, "lines.sku", ""),
                        new Column("quantity", ColumnType.INTEGER, "lines.quantity", "")),
                Optional.of(table));
        return new EntityLayout(orders, List.of(lines));
    }
}

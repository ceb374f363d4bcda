package dev.tributary.destination.support;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.SchemaChange;
import dev.tributary.spi.destination.TableLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Meets a typed write with the tables as they are when it commits, which may have changed since its layout was read:
 * a webhook delivery may add a column while a sync runs, and a sync may add one while a delivery is typed. A change
 * the tables already have is skipped, so neither fails on a duplicate column; a column that exists with another type
 * or for another field fails the write with a message saying what to do. Stateless.
 */
public final class LayoutChanges {

    private LayoutChanges() {
    }

    /**
     * The changes the tables of {@code current} do not have yet, in their order.
     *
     * @throws IllegalStateException when a column to add exists already for another field or with another type
     */
    public static List<SchemaChange> pending(EntityLayout current, List<SchemaChange> changes) {
        List<SchemaChange> pending = new ArrayList<>();
        for (SchemaChange change : changes) {
            Optional<TableLayout> table = current.tableNamed(change.table());
            if (change.kind() == SchemaChange.Kind.CREATE_TABLE) {
                if (table.isEmpty()) {
                    pending.add(change);
                }
                continue;
            }
            Column column = change.column().orElseThrow();
            Optional<Column> existing = table.flatMap(t -> t.column(column.name()));
            if (existing.isEmpty()) {
                pending.add(change);
            } else if (change.kind() == SchemaChange.Kind.WIDEN_COLUMN) {
                if (existing.get().type() != column.type()) {
                    pending.add(change);
                }
            } else if (existing.get().type() != column.type()
                    || !existing.get().sourcePath().equals(column.sourcePath())) {
                throw conflict(change.table(), existing.get(), column);
            }
        }
        return pending;
    }

    /**
     * The layout to write {@code typed}'s rows with: its tables and columns, then the tables and columns that only
     * {@code current} has (added by someone else since {@code typed} was computed), so that the write sets those to
     * null for its rows as a write with the newer layout would.
     *
     * @throws IllegalStateException when a column has another type in {@code current} than in {@code typed}
     */
    public static EntityLayout merged(EntityLayout current, EntityLayout typed) {
        List<TableLayout> children = new ArrayList<>();
        for (TableLayout child : typed.children()) {
            children.add(current.tableNamed(child.name()).map(now -> merged(now, child)).orElse(child));
        }
        for (TableLayout child : current.children()) {
            if (typed.tableNamed(child.name()).isEmpty()) {
                children.add(child);
            }
        }
        return new EntityLayout(merged(current.table(), typed.table()), children);
    }

    private static TableLayout merged(TableLayout current, TableLayout typed) {
        List<Column> columns = new ArrayList<>(typed.columns());
        for (Column column : current.columns()) {
            Optional<Column> mine = typed.column(column.name());
            if (mine.isEmpty()) {
                columns.add(column);
            } else if (mine.get().type() != column.type()) {
                throw conflict(typed.name(), column, mine.get());
            }
        }
        return new TableLayout(typed.name(), typed.keyColumns(), columns, typed.parent());
    }

    private static IllegalStateException conflict(String table, Column existing, Column wanted) {
        return new IllegalStateException("table " + table + " has column " + existing.name() + " as "
                + existing.type() + " for field '" + existing.sourcePath() + "', changed by a concurrent sync or"
                + " webhook delivery, but this write has it as " + wanted.type() + " for field '"
                + wanted.sourcePath() + "'; nothing of it was written: run the sync again (a webhook source retries"
                + " its delivery, which is then typed against the new columns)");
    }
}

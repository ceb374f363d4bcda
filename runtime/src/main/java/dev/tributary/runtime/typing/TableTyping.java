package dev.tributary.runtime.typing;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.SchemaChange;
import dev.tributary.spi.destination.TableLayout;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The growing columns of one table while records are typed: which column holds each source path (the first column
 * with that {@link Column#sourcePath()}), its variant columns (later columns with the same source path, one per
 * value type that did not fit), and the names taken. Collisions get {@code _2}, {@code _3}, … in the order the
 * fields first appear, so a table's names never change once given.
 */
final class TableTyping {

    /** The entity table's raw-record column, which has a row slot but is not in the layout's columns. */
    static final String RECORD = "_record";
    private static final Set<String> SYSTEM_COLUMNS = Set.of("_record", "_synced_at", "_data_source", "_deleted_at");

    private final String name;
    private final List<Column> keyColumns;
    private final Optional<String> parent;
    private final int maxLength;
    private final List<Column> columns = new ArrayList<>();
    private final Map<String, Placed> byPath = new HashMap<>();
    private final Map<String, Map<ColumnType, Placed>> variants = new HashMap<>();
    private final Set<String> taken = new HashSet<>(SYSTEM_COLUMNS);
    /** The slots of the columns widened in this batch. */
    private final Set<Integer> widened = new HashSet<>();
    /** {@link #layout()} until the columns change, so that an unchanged table keeps one layout instance. */
    private TableLayout layout;
    /** The slots of this table's rows: key columns, {@code _record}, then the columns in the order they came. */
    private RowSlots slots;

    TableTyping(TableLayout layout, int maxLength) {
        this.name = layout.name();
        this.keyColumns = layout.keyColumns();
        this.parent = layout.parent();
        this.maxLength = maxLength;
        keyColumns.forEach(key -> taken.add(key.name()));
        List<String> fixed = new ArrayList<>(keyColumns.stream().map(Column::name).toList());
        fixed.add(RECORD);
        slots = RowSlots.of(fixed);
        layout.columns().forEach(this::remember);
    }

    String name() {
        return name;
    }

    List<Column> keyColumns() {
        return keyColumns;
    }

    /** The column holding {@code path} and its row slot, or null when none has been needed yet. */
    Placed placed(String path) {
        return byPath.get(path);
    }

    /** A new, empty row of this table. */
    SlotRow newRow() {
        return new SlotRow(slots);
    }

    /** Sets the value of {@code slot} in a row of this table. */
    void set(SlotRow row, int slot, Object value) {
        row.set(slots, slot, value);
    }

    /** Sets the value of column {@code name} (a key column or {@code _record}) in a row of this table. */
    void set(SlotRow row, String name, Object value) {
        row.set(slots, slots.slot(name), value);
    }

    /** Adds the column for {@code path} (segments: the raw field names along it). */
    Placed add(String path, List<String> segments, ColumnType type, List<SchemaChange> changes, String reason) {
        List<String> names = segments.stream().map(s -> Identifiers.normalise(s, maxLength)).toList();
        Column column = new Column(unique(String.join("__", names), path), type, path, "");
        Placed placed = remember(column);
        changes.add(new SchemaChange(SchemaChange.Kind.ADD_COLUMN, name, Optional.of(column), Optional.empty(),
                reason));
        return placed;
    }

    /** Widens an INTEGER column to NUMBER; rows typed earlier in the batch are fixed by {@link #fixWidened}. */
    Placed widen(Placed placed, List<SchemaChange> changes) {
        Column column = placed.column();
        Column wider = column.withType(ColumnType.NUMBER);
        columns.replaceAll(c -> c.name().equals(column.name()) ? wider : c);
        layout = null;
        Placed widerPlaced = new Placed(wider, placed.slot());
        byPath.put(column.sourcePath(), widerPlaced);
        widened.add(placed.slot());
        changes.add(new SchemaChange(SchemaChange.Kind.WIDEN_COLUMN, name, Optional.of(wider),
                Optional.of(column.type()), "a value of " + column.sourcePath() + " has a fraction"));
        return widerPlaced;
    }

    /** The variant column of {@code column} for values of {@code type}, added when missing. */
    Placed variant(Column column, ColumnType type, List<SchemaChange> changes) {
        Placed known = variants.getOrDefault(column.sourcePath(), Map.of()).get(type);
        if (known != null) {
            return known;
        }
        String base = column.name() + "__v_" + suffix(type);
        Column variant = new Column(unique(Identifiers.fit(base, column.sourcePath() + "#" + type, maxLength),
                column.sourcePath() + "#" + type), type, column.sourcePath(), "");
        Placed placed = remember(variant);
        changes.add(new SchemaChange(SchemaChange.Kind.ADD_VARIANT_COLUMN, name, Optional.of(variant),
                Optional.empty(), "a value of " + column.sourcePath() + " does not fit " + column.type()));
        return placed;
    }

    /** Whether {@code column} already has a variant column for values of {@code type}. */
    boolean hasVariant(Column column, ColumnType type) {
        return variants.getOrDefault(column.sourcePath(), Map.of()).containsKey(type);
    }

    /** Whether {@code name} is one of the runtime's own columns ({@code _record}, {@code _synced_at}, ...). */
    static boolean isSystemColumn(String name) {
        return SYSTEM_COLUMNS.contains(name);
    }

    /** Turns the whole numbers typed before a widening in this batch into decimals, then forgets the widening. */
    void fixWidened(List<SlotRow> rows) {
        if (widened.isEmpty()) {
            return;
        }
        for (SlotRow row : rows) {
            for (int slot : widened) {
                if (row.valueAt(slot) instanceof Long whole) {
                    set(row, slot, java.math.BigDecimal.valueOf(whole));
                }
            }
        }
        widened.clear();
    }

    TableLayout layout() {
        if (layout == null) {
            layout = new TableLayout(name, keyColumns, columns, parent);
        }
        return layout;
    }

    private Placed remember(Column column) {
        layout = null;
        columns.add(column);
        taken.add(column.name());
        slots = slots.with(column.name());
        Placed placed = new Placed(column, slots.slot(column.name()));
        Placed primary = byPath.putIfAbsent(column.sourcePath(), placed);
        if (primary != null) {
            variants.computeIfAbsent(column.sourcePath(), p -> new EnumMap<>(ColumnType.class))
                    .put(column.type(), placed);
        }
        return placed;
    }

    private String unique(String candidate, String source) {
        String base = Identifiers.fit(candidate, source, maxLength);
        for (int n = 2; taken.contains(base); n++) {
            String suffix = "_" + n;
            base = Identifiers.fit(candidate, source, maxLength - suffix.length()) + suffix;
        }
        return base;
    }

    private static String suffix(ColumnType type) {
        return switch (type) {
            case STRING -> "text";
            case INTEGER -> "int";
            case NUMBER -> "num";
            case BOOLEAN -> "bool";
            case TIMESTAMP -> "ts";
            case DATE -> "date";
            case JSON -> "json";
        };
    }

    /** A column and its slot in this table's rows. */
    record Placed(Column column, int slot) {
    }
}

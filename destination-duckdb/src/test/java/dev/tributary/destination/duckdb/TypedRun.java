package dev.tributary.destination.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SchemaChange;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.TableLayout;
import dev.tributary.spi.destination.TypedWrite;
import dev.tributary.spi.destination.WriteBatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entity run writing typed batches the way the runtime's typer hands them over: it starts from the writer's
 * {@link EntityWriter#layout()}, adds a column (an {@code ADD_COLUMN} change) the first time a row has a value for
 * it, typed from the value's Java class, creates a child table ({@code CREATE_TABLE}) the first time it gets rows,
 * and sends each row's {@code _record}. {@link #widen} and {@link #variant} send the other two kinds of change.
 * Not thread-safe.
 */
final class TypedRun implements AutoCloseable {

    /** A JSON column value: its JSON text. */
    record Json(String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final EntityWriter writer;
    private final EntityTable table;
    private final SyncMode mode;
    private final List<SchemaChange> pending = new ArrayList<>();
    private EntityLayout layout;
    private int page;

    /** Opens the writer as the engine does: resuming an unfinished run of the same mode, else starting one. */
    TypedRun(Destination destination, EntityTable table, SyncMode mode) {
        SyncState start = destination.readState(table).filter(s -> !s.finished() && s.mode() == mode)
                .orElse(SyncState.started(mode, Optional.empty(), Optional.empty()));
        this.table = table;
        this.mode = mode;
        this.writer = destination.openWriter(table, start);
        this.layout = writer.layout().orElseThrow();
    }

    EntityLayout layout() {
        return layout;
    }

    /** Changes an integer column to a number one, sent with the next batch. */
    void widen(String column) {
        Column before = layout.table().column(column).orElseThrow();
        Column wider = before.withType(ColumnType.NUMBER);
        pending.add(new SchemaChange(SchemaChange.Kind.WIDEN_COLUMN, layout.table().name(), Optional.of(wider),
                Optional.of(before.type()), "a value has a fraction"));
        layout = new EntityLayout(layout.table().withReplacedColumn(wider), layout.children());
    }

    /** Adds the runtime's variant column of {@code column} for values of {@code type}, sent with the next batch. */
    void variant(String column, String name, ColumnType type) {
        Column base = layout.table().column(column).orElseThrow();
        Column variant = new Column(name, type, base.sourcePath(), "");
        pending.add(new SchemaChange(SchemaChange.Kind.ADD_VARIANT_COLUMN, layout.table().name(),
                Optional.of(variant), Optional.empty(), "a value does not fit"));
        layout = new EntityLayout(layout.table().withColumn(variant), layout.children());
    }

    /** Writes one batch: entity rows (typed values by column), their child rows by child field, deletions. */
    void write(List<Map<String, Object>> rows, Map<String, List<Map<String, Object>>> children,
            List<Map<String, Object>> deleted, Instant at, boolean keepRecord) {
        List<SchemaChange> changes = new ArrayList<>(pending);
        pending.clear();
        TableLayout entity = layout.table();
        List<Map<String, Object>> typedRows = new ArrayList<>();
        List<Map<String, Object>> records = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            entity = withColumnsOf(entity, row, changes);
            Map<String, Object> typed = typedValues(row);
            if (keepRecord) {
                typed.put("_record", json(row));
            }
            typedRows.add(typed);
            records.add(plain(row));
        }
        List<TableLayout> childLayouts = new ArrayList<>(layout.children());
        Map<String, List<Map<String, Object>>> childRows = new LinkedHashMap<>();
        children.forEach((field, fieldRows) -> {
            String name = layout.table().name() + "__" + field;
            int index = indexOf(childLayouts, name);
            TableLayout child;
            if (index < 0) {
                child = new TableLayout(name, List.of(new Column("_parent_id", ColumnType.STRING, "id", ""),
                        new Column("_position", ColumnType.INTEGER, field, "")), List.of(),
                        Optional.of(layout.table().name()));
                changes.add(new SchemaChange(SchemaChange.Kind.CREATE_TABLE, name, Optional.empty(),
                        Optional.empty(), "new array of objects " + field));
                childLayouts.add(child);
                index = childLayouts.size() - 1;
            } else {
                child = childLayouts.get(index);
            }
            for (Map<String, Object> row : fieldRows) {
                child = withColumnsOf(child, row, changes);
            }
            childLayouts.set(index, child);
            childRows.put(name, fieldRows.stream().map(TypedRun::typedValues).toList());
        });
        layout = new EntityLayout(entity, childLayouts);
        SyncState state = new SyncState(mode, false, Optional.of("page-" + ++page), Optional.empty(),
                Optional.empty());
        writer.write(new WriteBatch(records, deleted, state, at,
                Optional.of(new TypedWrite(layout, changes, typedRows, childRows, "run-1"))));
    }

    void write(List<Map<String, Object>> rows, Instant at) {
        write(rows, Map.of(), List.of(), at, true);
    }

    void finish() {
        writer.finish(new SyncState(mode, true, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Override
    public void close() {
        writer.close();
    }

    private static int indexOf(List<TableLayout> tables, String name) {
        for (int i = 0; i < tables.size(); i++) {
            if (tables.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static TableLayout withColumnsOf(TableLayout table, Map<String, Object> row, List<SchemaChange> changes) {
        TableLayout result = table;
        for (Map.Entry<String, Object> value : row.entrySet()) {
            boolean key = result.keyColumns().stream().anyMatch(k -> k.name().equals(value.getKey()));
            if (key || value.getValue() == null || result.column(value.getKey()).isPresent()) {
                continue;
            }
            Column column = new Column(value.getKey(), typeOf(value.getValue()), value.getKey(), "");
            changes.add(new SchemaChange(SchemaChange.Kind.ADD_COLUMN, result.name(), Optional.of(column),
                    Optional.empty(), "new field " + value.getKey()));
            result = result.withColumn(column);
        }
        return result;
    }

    private static ColumnType typeOf(Object value) {
        if (value instanceof Long) {
            return ColumnType.INTEGER;
        }
        if (value instanceof BigDecimal) {
            return ColumnType.NUMBER;
        }
        if (value instanceof Boolean) {
            return ColumnType.BOOLEAN;
        }
        if (value instanceof Instant) {
            return ColumnType.TIMESTAMP;
        }
        if (value instanceof LocalDate) {
            return ColumnType.DATE;
        }
        return value instanceof Json ? ColumnType.JSON : ColumnType.STRING;
    }

    /** The row as a typed write holds it: a JSON value as its text. */
    private static Map<String, Object> typedValues(Map<String, Object> row) {
        Map<String, Object> typed = new LinkedHashMap<>();
        row.forEach((name, value) -> typed.put(name, value instanceof Json json ? json.text() : value));
        return typed;
    }

    /** The record as the source sent it: JSON values, times as ISO-8601 text. */
    private static Map<String, Object> plain(Map<String, Object> row) {
        Map<String, Object> plain = new LinkedHashMap<>();
        row.forEach((name, value) -> plain.put(name, value instanceof Instant || value instanceof LocalDate
                ? value.toString() : value instanceof Json json ? json.text() : value));
        return plain;
    }

    private static String json(Map<String, Object> row) {
        try {
            return JSON.writeValueAsString(plain(row));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A row of typed values from name/value pairs; a {@link Json} value is sent as its text. */
    static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }
}

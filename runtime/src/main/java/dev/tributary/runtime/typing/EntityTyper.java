package dev.tributary.runtime.typing;

import dev.tributary.runtime.destination.KeyText;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.SchemaChange;
import dev.tributary.spi.destination.TableLayout;
import dev.tributary.spi.destination.TypedWrite;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Types one entity's batches for a typed-tables destination: keeps the entity's {@link EntityLayout} (starting from
 * what the destination already has) and turns each batch's records into a {@link TypedWrite}.
 *
 * <p>A column appears the first time a field has a non-null value, typed from the declared schema or, for
 * undeclared fields, inferred from that value. Nested objects become {@code parent__child} columns up to
 * {@link TypingSettings#maxDepth()}; arrays of objects become child tables {@code <table>__<field>} (the source path
 * of the array is the {@code sourcePath} of the child table's {@code _position} key column); other arrays, declared
 * JSON fields, deeper objects and undeclared objects with more than {@link TypingSettings#maxObjectKeys()} keys are
 * JSON columns. A value that does not fit its column goes into a variant column {@code <column>__v_<type>}, except
 * that an undeclared whole-number column meeting a fraction is widened to a number. Not thread-safe; one per entity.
 */
public final class EntityTyper {

    private final List<String> primaryKey;
    private final String entity;
    private final List<SchemaField> declared;
    private final TypingSettings settings;
    private final TableTyping table;
    private final Map<String, TableTyping> children = new LinkedHashMap<>();
    private final Map<List<SchemaField>, Map<String, SchemaField>> indexes = new IdentityHashMap<>();

    /**
     * @param entity the entity's name, for messages
     * @param primaryKey the record fields of the key, in the order of {@code start}'s key columns
     * @param schema the declared schema, if any
     * @param start the layout the destination already has ({@code EntityWriter.layout()})
     */
    public EntityTyper(String entity, List<String> primaryKey, Optional<EntitySchema> schema, EntityLayout start,
            TypingSettings settings) {
        this.entity = Objects.requireNonNull(entity, "entity");
        this.primaryKey = List.copyOf(primaryKey);
        this.declared = schema.map(EntitySchema::fields).orElse(List.of());
        this.settings = Objects.requireNonNull(settings, "settings");
        if (start.table().keyColumns().size() != this.primaryKey.size()) {
            throw new IllegalArgumentException("the destination's table '" + start.table().name() + "' has "
                    + start.table().keyColumns().size() + " key columns for the " + this.primaryKey.size()
                    + " primary-key fields of entity '" + entity + "'; recreate the table with a full refresh");
        }
        this.table = new TableTyping(start.table(), settings.maxIdentifierLength());
        for (TableLayout child : start.children()) {
            String path = child.keyColumns().get(child.keyColumns().size() - 1).sourcePath();
            children.put(path, new TableTyping(child, settings.maxIdentifierLength()));
        }
    }

    /** The layout after every batch typed so far. */
    public EntityLayout layout() {
        return new EntityLayout(table.layout(), children.values().stream().map(TableTyping::layout).toList());
    }

    /**
     * The typed form of one batch, whose records hold one record per key.
     *
     * @throws IllegalArgumentException when a record lacks a primary-key value
     */
    public TypedWrite type(List<Map<String, Object>> records, String runId) {
        List<SchemaChange> changes = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>(records.size());
        Map<String, List<Map<String, Object>>> childRows = new LinkedHashMap<>();
        for (Map<String, Object> record : records) {
            Map<String, Object> row = new LinkedHashMap<>();
            List<String> key = new ArrayList<>(primaryKey.size());
            for (int i = 0; i < primaryKey.size(); i++) {
                String text = KeyText.of(record, primaryKey.get(i), entity);
                key.add(text);
                row.put(table.keyColumns().get(i).name(), text);
            }
            flatten(table, row, record, declared, "", List.of(), 1, key, changes, childRows);
            if (settings.keepRawRecord()) {
                row.put("_record", Values.json(record));
            }
            rows.add(row);
        }
        table.fixWidened(rows);
        for (TableTyping child : children.values()) {
            child.fixWidened(childRows.getOrDefault(child.name(), List.of()));
        }
        return new TypedWrite(layout(), changes, rows, childRows, runId);
    }

    private void flatten(TableTyping into, Map<String, Object> row, Map<?, ?> object, List<SchemaField> fields,
            String prefix, List<String> segments, int depth, List<String> key, List<SchemaChange> changes,
            Map<String, List<Map<String, Object>>> childRows) {
        Map<String, SchemaField> index = index(fields);
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String field = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            if (value == null || (into == table && depth == 1 && primaryKey.contains(field))) {
                continue;
            }
            SchemaField declaredField = index.get(field);
            FieldType declaredType = declaredField == null ? null : declaredField.type();
            String path = prefix.isEmpty() ? field : prefix + "." + field;
            List<String> fieldSegments = append(segments, field);
            List<SchemaField> nested = declaredField == null ? List.of() : declaredField.fields();
            if (value instanceof Map<?, ?> map && declaredType != FieldType.JSON && depth < settings.maxDepth()
                    && (declaredType == FieldType.OBJECT
                            || (declaredType == null && map.size() <= settings.maxObjectKeys()))) {
                flatten(into, row, map, nested, path, fieldSegments, depth + 1, key, changes, childRows);
            } else if (value instanceof List<?> list && into == table && isChildArray(list, declaredType, path)) {
                addChildRows(path, fieldSegments, list, nested, key, changes, childRows);
            } else {
                leaf(into, row, path, fieldSegments, value, declaredField, changes);
            }
        }
    }

    private boolean isChildArray(List<?> list, FieldType declaredType, String path) {
        if (declaredType != null && declaredType != FieldType.ARRAY) {
            return false;
        }
        if (list.isEmpty()) {
            return children.containsKey(path);
        }
        boolean anyObject = false;
        for (Object element : list) {
            if (element instanceof Map) {
                anyObject = true;
            } else if (element != null) {
                return false;
            }
        }
        return anyObject;
    }

    private void addChildRows(String path, List<String> segments, List<?> elements, List<SchemaField> fields,
            List<String> key, List<SchemaChange> changes, Map<String, List<Map<String, Object>>> childRows) {
        TableTyping child = children.computeIfAbsent(path, p -> newChild(p, segments, changes));
        List<Map<String, Object>> rows = childRows.computeIfAbsent(child.name(), n -> new ArrayList<>());
        List<Column> keys = child.keyColumns();
        for (int position = 0; position < elements.size(); position++) {
            if (!(elements.get(position) instanceof Map<?, ?> element)) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < key.size(); i++) {
                row.put(keys.get(i).name(), key.get(i));
            }
            row.put(keys.get(key.size()).name(), (long) position);
            flatten(child, row, element, fields, "", List.of(), 1, key, changes, childRows);
            rows.add(row);
        }
    }

    private TableTyping newChild(String path, List<String> segments, List<SchemaChange> changes) {
        int max = settings.maxIdentifierLength();
        String joined = table.name() + "__" + String.join("__",
                segments.stream().map(s -> Identifiers.normalise(s, max)).toList());
        String name = Identifiers.fit(joined, table.name() + "." + path, max);
        for (int n = 2; nameTaken(name); n++) {
            String suffix = "_" + n;
            name = Identifiers.fit(joined, table.name() + "." + path, max - suffix.length()) + suffix;
        }
        List<Column> keys = new ArrayList<>();
        for (Column parentKey : table.keyColumns()) {
            keys.add(new Column(Identifiers.fit("_parent_" + parentKey.name(), parentKey.name(), max),
                    ColumnType.STRING, parentKey.sourcePath(), "the parent row's " + parentKey.name()));
        }
        keys.add(new Column("_position", ColumnType.INTEGER, path, "the element's index in " + path));
        changes.add(new SchemaChange(SchemaChange.Kind.CREATE_TABLE, name, Optional.empty(), Optional.empty(),
                "new array of objects " + path));
        return new TableTyping(new TableLayout(name, keys, List.of(), Optional.of(table.name())), max);
    }

    private boolean nameTaken(String name) {
        return name.equals(table.name()) || children.values().stream().anyMatch(c -> c.name().equals(name));
    }

    private static void leaf(TableTyping into, Map<String, Object> row, String path, List<String> segments,
            Object value, SchemaField declaredField, List<SchemaChange> changes) {
        Column column = into.column(path);
        if (column == null) {
            ColumnType type = declaredField == null ? Values.infer(value) : columnType(declaredField.type());
            column = into.add(path, segments, type, changes, declaredField == null
                    ? "new field " + path + " (inferred " + type + ")" : "new declared field " + path);
        }
        ValueFormat format = declaredField == null ? ValueFormat.DEFAULT : declaredField.format();
        Optional<Object> typed = Values.convert(value, column.type(), format);
        if (typed.isEmpty() && declaredField == null && column.type() == ColumnType.INTEGER
                && Values.infer(value) == ColumnType.NUMBER) {
            column = into.widen(column, changes);
            typed = Values.convert(value, column.type(), format);
        }
        if (typed.isPresent()) {
            row.put(column.name(), typed.get());
            return;
        }
        ColumnType actual = Values.infer(value);
        Column variant = into.variant(column, actual, changes);
        row.put(variant.name(), Values.convert(value, actual, ValueFormat.DEFAULT).orElseThrow());
    }

    private static ColumnType columnType(FieldType type) {
        return switch (type) {
            case STRING -> ColumnType.STRING;
            case INTEGER -> ColumnType.INTEGER;
            case NUMBER -> ColumnType.NUMBER;
            case BOOLEAN -> ColumnType.BOOLEAN;
            case TIMESTAMP -> ColumnType.TIMESTAMP;
            case DATE -> ColumnType.DATE;
            case JSON, OBJECT, ARRAY -> ColumnType.JSON;
        };
    }

    private Map<String, SchemaField> index(List<SchemaField> fields) {
        if (fields.isEmpty()) {
            return Map.of();
        }
        return indexes.computeIfAbsent(fields, list -> {
            Map<String, SchemaField> byName = new java.util.HashMap<>();
            list.forEach(f -> byName.put(f.name(), f));
            return byName;
        });
    }

    private static List<String> append(List<String> segments, String field) {
        List<String> more = new ArrayList<>(segments.size() + 1);
        more.addAll(segments);
        more.add(field);
        return more;
    }
}

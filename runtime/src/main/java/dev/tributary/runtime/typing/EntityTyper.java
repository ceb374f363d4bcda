package dev.tributary.runtime.typing;

import dev.tributary.runtime.destination.KeyText;
import dev.tributary.spi.config.SchemaContract;
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
    private final boolean enforced;

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
        this.enforced = settings.contract() != SchemaContract.EVOLVE && !start.table().columns().isEmpty();
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
     * The typed form of one batch, whose records hold one record per key; {@code typeBatch(records, runId).write()}.
     *
     * @throws IllegalArgumentException when a record lacks a primary-key value
     * @throws SchemaContractException when the contract is {@code freeze} and the batch would change the schema
     */
    public TypedWrite type(List<Map<String, Object>> records, String runId) {
        return typeBatch(records, runId).write();
    }

    /**
     * Types one batch, whose records hold one record per key, under the settings' schema contract: the contract
     * applies once the entity table has data columns when this typer starts (a table's first run creates its
     * columns whatever the contract), and only to fields the connector did not declare and to values that do not
     * fit their column.
     *
     * @throws IllegalArgumentException when a record lacks a primary-key value
     * @throws SchemaContractException when the contract is {@code freeze} and the batch would change the schema
     */
    public TypedBatch typeBatch(List<Map<String, Object>> records, String runId) {
        Work work = new Work();
        List<Map<String, Object>> kept = new ArrayList<>(records.size());
        List<Map<String, Object>> rows = new ArrayList<>(records.size());
        Map<String, List<Map<String, Object>>> childRows = new LinkedHashMap<>();
        for (Map<String, Object> record : records) {
            Map<String, Object> row = new LinkedHashMap<>();
            work.key = new ArrayList<>(primaryKey.size());
            for (int i = 0; i < primaryKey.size(); i++) {
                String text = KeyText.of(record, primaryKey.get(i), entity);
                work.key.add(text);
                row.put(table.keyColumns().get(i).name(), text);
            }
            work.recordChildren = new LinkedHashMap<>();
            try {
                flatten(table, row, record, declared, "", List.of(), 1, work);
            } catch (DiscardRow discard) {
                work.discarded.merge(discard.path, 1, Integer::sum);
                continue;
            }
            work.recordChildren.forEach((name, list) -> childRows.computeIfAbsent(name, n -> new ArrayList<>())
                    .addAll(list));
            if (settings.keepRawRecord()) {
                row.put("_record", Values.json(record));
            }
            kept.add(record);
            rows.add(row);
        }
        table.fixWidened(rows);
        for (TableTyping child : children.values()) {
            child.fixWidened(childRows.getOrDefault(child.name(), List.of()));
        }
        return new TypedBatch(kept, new TypedWrite(layout(), work.changes, rows, childRows, runId), work.discarded,
                work.warnings);
    }

    private void flatten(TableTyping into, Map<String, Object> row, Map<?, ?> object, List<SchemaField> fields,
            String prefix, List<String> segments, int depth, Work work) {
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
                flatten(into, row, map, nested, path, fieldSegments, depth + 1, work);
            } else if (value instanceof List<?> list && into == table && isChildArray(list, declaredType, path)) {
                if (children.containsKey(path) || declaredType == FieldType.ARRAY
                        || admit(table, work, path, "is an array of objects, which table '" + table.name()
                                + "' has no child table for")) {
                    addChildRows(path, fieldSegments, list, nested, work);
                }
            } else {
                leaf(into, row, path, fieldSegments, value, declaredField, jsonReason(value, declaredType, depth),
                        work);
            }
        }
    }

    /** Why an object value is kept whole as JSON although undeclared, for the warning; null when it is not. */
    private String jsonReason(Object value, FieldType declaredType, int depth) {
        if (!(value instanceof Map<?, ?> map) || declaredType != null) {
            return null;
        }
        if (depth >= settings.maxDepth()) {
            return "it is nested deeper than max_nesting_depth " + settings.maxDepth();
        }
        return "it has " + map.size() + " keys (more than " + settings.maxObjectKeys() + ")";
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
            Work work) {
        TableTyping child = children.computeIfAbsent(path, p -> newChild(p, segments, work.changes));
        List<Map<String, Object>> rows = work.recordChildren.computeIfAbsent(child.name(), n -> new ArrayList<>());
        List<Column> keys = child.keyColumns();
        for (int position = 0; position < elements.size(); position++) {
            if (!(elements.get(position) instanceof Map<?, ?> element)) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < work.key.size(); i++) {
                row.put(keys.get(i).name(), work.key.get(i));
            }
            row.put(keys.get(work.key.size()).name(), (long) position);
            flatten(child, row, element, fields, "", List.of(), 1, work);
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

    private void leaf(TableTyping into, Map<String, Object> row, String path, List<String> segments, Object value,
            SchemaField declaredField, String jsonReason, Work work) {
        Column column = into.column(path);
        if (column == null) {
            if (declaredField == null && !admit(into, work, path, "has no column in table '" + into.name() + "'")) {
                return;
            }
            ColumnType type = declaredField == null ? Values.infer(value) : columnType(declaredField.type());
            column = into.add(path, segments, type, work.changes, declaredField == null
                    ? "new field " + path + " (inferred " + type + ")" : "new declared field " + path);
            warnAboutName(into, path, segments, column, work);
            if (jsonReason != null) {
                work.warnings.add("entity '" + entity + "': field '" + shown(path) + "' is kept whole as JSON in"
                        + " column '" + column.name() + "' of table '" + into.name() + "' because " + jsonReason);
            }
        }
        ValueFormat format = declaredField == null ? ValueFormat.DEFAULT : declaredField.format();
        Optional<Object> typed = Values.convert(value, column.type(), format);
        if (typed.isEmpty() && declaredField == null && column.type() == ColumnType.INTEGER
                && Values.infer(value) == ColumnType.NUMBER) {
            if (!admit(into, work, path, "has a fraction, which the integer column '" + column.name() + "' of table '"
                    + into.name() + "' cannot hold")) {
                return;
            }
            column = into.widen(column, work.changes);
            typed = Values.convert(value, column.type(), format);
        }
        if (typed.isPresent()) {
            row.put(column.name(), typed.get());
            return;
        }
        ColumnType actual = Values.infer(value);
        if (!into.hasVariant(column, actual) && !admit(into, work, path, "has a " + actual + " value, which the "
                + column.type() + " column '" + column.name() + "' of table '" + into.name() + "' cannot hold")) {
            return;
        }
        Column variant = into.variant(column, actual, work.changes);
        row.put(variant.name(), Values.convert(value, actual, ValueFormat.DEFAULT).orElseThrow());
    }

    /**
     * Whether the schema change {@code problem} (a phrase following the field's name) may happen under the
     * contract: true under {@code evolve} or before the table has columns; otherwise fails the batch
     * ({@code freeze}), leaves out the record ({@code discard_row}) or counts the value left out and answers false
     * ({@code discard_value}).
     */
    private boolean admit(TableTyping into, Work work, String path, String problem) {
        if (!enforced) {
            return true;
        }
        switch (settings.contract()) {
            case FREEZE -> throw new SchemaContractException(into.name(), path, "schema_contract is freeze: field '"
                    + shown(path) + "' of entity '" + entity + "' (record " + work.key + ") " + problem
                    + "; nothing of this batch was written and the entity's state stays. Sync it once with"
                    + " schema_contract=evolve to take the change, or choose discard_row or discard_value");
            case DISCARD_ROW -> throw new DiscardRow(path);
            case DISCARD_VALUE -> {
                work.discarded.merge(path, 1, Integer::sum);
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    private void warnAboutName(TableTyping into, String path, List<String> segments, Column column, Work work) {
        String natural = String.join("__", segments.stream()
                .map(s -> Identifiers.normalise(s, Integer.MAX_VALUE)).toList());
        if (!column.name().equals(natural)) {
            work.warnings.add("entity '" + entity + "': field '" + shown(path) + "' is stored in column '"
                    + column.name() + "' of table '" + into.name() + "' (" + (natural.length()
                    > settings.maxIdentifierLength() ? "its name is longer than "
                    + settings.maxIdentifierLength() + " characters" : "'" + shown(natural) + "' is taken") + ")");
        } else if (segments.size() == 1 && TableTyping.isSystemColumn(segments.get(0))) {
            work.warnings.add("entity '" + entity + "': field '" + path + "' is stored in column '" + column.name()
                    + "' of table '" + into.name() + "'; the column '" + path + "' is the runtime's own");
        }
    }

    /** A field name short enough for a log line. */
    private static String shown(String name) {
        return name.length() <= 80 ? name : name.substring(0, 60) + "… (" + name.length() + " characters)";
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

    /** What typing one batch collects besides rows. */
    private static final class Work {
        final List<SchemaChange> changes = new ArrayList<>();
        final Map<String, Integer> discarded = new LinkedHashMap<>();
        final List<String> warnings = new ArrayList<>();
        List<String> key;
        Map<String, List<Map<String, Object>>> recordChildren;
    }

    /** Leaves the record being typed out of the batch ({@code discard_row}). */
    private static final class DiscardRow extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final String path;

        DiscardRow(String path) {
            super(path, null, false, false);
            this.path = path;
        }
    }
}

package dev.tributary.runtime.typing;

import dev.tributary.destination.support.KeyText;
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
    private final RecordFlattener flattener;
    private final TypingSettings settings;
    private final TableTyping table;
    private final Map<String, TableTyping> children = new LinkedHashMap<>();
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
        this.settings = Objects.requireNonNull(settings, "settings");
        this.flattener = new RecordFlattener(entity, primaryKey, schema, settings);
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
        return typeFlat(flattener.flatten(records), runId);
    }

    /**
     * Types one batch flattened by a {@link RecordFlattener} of the same entity, schema and settings, holding one
     * record per key, exactly as {@link #typeBatch} would type their records.
     *
     * @throws SchemaContractException when the contract is {@code freeze} and the batch would change the schema
     */
    public TypedBatch typeFlat(List<FlatRecord> records, String runId) {
        Work work = new Work();
        List<Map<String, Object>> kept = new ArrayList<>(records.size());
        List<SlotRow> rows = new ArrayList<>(records.size());
        Map<String, List<SlotRow>> childRows = new LinkedHashMap<>();
        List<Column> keyColumns = table.keyColumns();
        for (FlatRecord record : records) {
            SlotRow row = table.newRow();
            work.key = record.key();
            for (int i = 0; i < primaryKey.size(); i++) {
                table.set(row, keyColumns.get(i).name(), work.key.get(i));
            }
            work.recordChildren = null;
            try {
                place(table, row, record.parts(), work);
            } catch (DiscardRow discard) {
                work.discarded.merge(discard.path, 1, Integer::sum);
                continue;
            }
            if (work.recordChildren != null) {
                work.recordChildren.forEach((name, list) -> childRows.computeIfAbsent(name,
                        n -> new ArrayList<>()).addAll(list));
            }
            if (settings.keepRawRecord()) {
                String json = record.json() != null ? record.json() : Values.json(record.record());
                table.set(row, TableTyping.RECORD, json);
            }
            kept.add(record.record());
            rows.add(row);
        }
        table.fixWidened(rows);
        for (TableTyping child : children.values()) {
            child.fixWidened(childRows.getOrDefault(child.name(), List.of()));
        }
        Map<String, List<Map<String, Object>>> children = new LinkedHashMap<>();
        childRows.forEach((name, list) -> children.put(name, List.copyOf(list)));
        TypedWrite write = new TypedWrite(layout(), work.changes, List.copyOf(rows), children, runId);
        return new TypedBatch(kept, write, work.discarded, work.warnings);
    }

    /** Puts a record's (or an array element's) flat parts into {@code row}, adding the columns they need. */
    private void place(TableTyping into, SlotRow row, List<FlatPart> parts, Work work) {
        for (FlatPart part : parts) {
            if (part instanceof FlatPart.Leaf leaf) {
                leaf(into, row, leaf, work);
                continue;
            }
            FlatPart.Array array = (FlatPart.Array) part;
            String path = array.path().path();
            if (array.whenNoChildTable() != null) {
                if (children.containsKey(path)) {
                    addChildRows(array, work);
                } else {
                    leaf(into, row, array.whenNoChildTable(), work);
                }
            } else if (children.containsKey(path) || isDeclaredArray(array.path())
                    || admit(table, work, path, "is an array of objects, which table '" + table.name()
                            + "' has no child table for")) {
                addChildRows(array, work);
            }
        }
    }

    private static boolean isDeclaredArray(FieldPath path) {
        return path.declared() != null && path.declared().type() == FieldType.ARRAY;
    }

    private void addChildRows(FlatPart.Array array, Work work) {
        String path = array.path().path();
        TableTyping child = children.get(path);
        if (child == null) {
            child = newChild(path, array.path().segments(), work.changes);
            children.put(path, child);
        }
        if (work.recordChildren == null) {
            work.recordChildren = new LinkedHashMap<>();
        }
        List<SlotRow> rows = work.recordChildren.computeIfAbsent(child.name(), n -> new ArrayList<>());
        List<Column> keys = child.keyColumns();
        List<List<FlatPart>> elements = array.elements();
        for (int position = 0; position < elements.size(); position++) {
            List<FlatPart> element = elements.get(position);
            if (element == null) {
                continue;
            }
            SlotRow row = child.newRow();
            for (int i = 0; i < work.key.size(); i++) {
                child.set(row, keys.get(i).name(), work.key.get(i));
            }
            child.set(row, keys.get(work.key.size()).name(), (long) position);
            place(child, row, element, work);
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

    private void leaf(TableTyping into, SlotRow row, FlatPart.Leaf leaf, Work work) {
        FieldPath fieldPath = leaf.path();
        String path = fieldPath.path();
        SchemaField declaredField = fieldPath.declared();
        TableTyping.Placed placed = into.placed(path);
        if (placed == null) {
            if (declaredField == null && !admit(into, work, path, "has no column in table '" + into.name() + "'")) {
                return;
            }
            ColumnType type = leaf.natural();
            placed = into.add(path, fieldPath.segments(), type, work.changes, declaredField == null
                    ? "new field " + path + " (inferred " + type + ")" : "new declared field " + path);
            warnAboutName(into, path, fieldPath.segments(), placed.column(), work);
            if (leaf.jsonReason() != null) {
                work.warnings.add("entity '" + entity + "': field '" + shown(path) + "' is kept whole as JSON in"
                        + " column '" + placed.column().name() + "' of table '" + into.name() + "' because "
                        + leaf.jsonReason());
            }
        }
        Column column = placed.column();
        Object value = leaf.value();
        ValueFormat format = declaredField == null ? ValueFormat.DEFAULT : declaredField.format();
        Object typed = column.type() == leaf.natural() ? leaf.converted()
                : Values.convertOrNull(value, column.type(), format);
        if (typed == null && declaredField == null && column.type() == ColumnType.INTEGER
                && leaf.actual() == ColumnType.NUMBER) {
            if (!admit(into, work, path, "has a fraction, which the integer column '" + column.name() + "' of table '"
                    + into.name() + "' cannot hold")) {
                return;
            }
            placed = into.widen(placed, work.changes);
            column = placed.column();
            typed = Values.convertOrNull(value, column.type(), format);
        }
        if (typed != null) {
            into.set(row, placed.slot(), typed);
            return;
        }
        ColumnType actual = leaf.actual();
        if (!into.hasVariant(column, actual) && !admit(into, work, path, "has a " + actual + " value, which the "
                + column.type() + " column '" + column.name() + "' of table '" + into.name() + "' cannot hold")) {
            return;
        }
        TableTyping.Placed variant = into.variant(column, actual, work.changes);
        into.set(row, variant.slot(), Values.convert(value, actual, ValueFormat.DEFAULT).orElseThrow());
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

    static ColumnType columnType(FieldType type) {
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

    /** What typing one batch collects besides rows. */
    private static final class Work {
        final List<SchemaChange> changes = new ArrayList<>();
        final Map<String, Integer> discarded = new LinkedHashMap<>();
        final List<String> warnings = new ArrayList<>();
        List<String> key;
        Map<String, List<SlotRow>> recordChildren;
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

package dev.tributary.runtime.typing;

import dev.tributary.destination.support.KeyText;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns an entity's records into {@link FlatRecord}s: the part of typing that needs no layout, so it can run on the
 * fetching thread while the writer writes the batch before. Which nested objects are flattened, which arrays may
 * become child rows, each value's natural type and converted value and the {@code _record} JSON text depend only on
 * the record, the declared schema and the {@link TypingSettings}; {@link EntityTyper} then places the parts into the
 * layout's columns. Not thread-safe (it caches the paths it has seen); one per thread.
 */
public final class RecordFlattener {

    private final String entity;
    private final List<String> primaryKey;
    private final TypingSettings settings;
    private final FieldPath root;

    /**
     * @param entity the entity's name, for messages
     * @param primaryKey the record fields of the key
     * @param schema the declared schema, if any
     */
    public RecordFlattener(String entity, List<String> primaryKey, Optional<EntitySchema> schema,
            TypingSettings settings) {
        this.entity = Objects.requireNonNull(entity, "entity");
        this.primaryKey = List.copyOf(primaryKey);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.root = FieldPath.root(schema.map(EntitySchema::fields).orElse(List.of()));
    }

    /**
     * The flat form of each record, in order.
     *
     * @throws IllegalArgumentException when a record lacks a primary-key value
     */
    public List<FlatRecord> flatten(List<Map<String, Object>> records) {
        List<FlatRecord> flat = new ArrayList<>(records.size());
        for (Map<String, Object> record : records) {
            flat.add(flatten(record));
        }
        return flat;
    }

    /**
     * The flat form of one record.
     *
     * @throws IllegalArgumentException when the record lacks a primary-key value
     */
    public FlatRecord flatten(Map<String, Object> record) {
        List<String> key;
        if (primaryKey.size() == 1) {
            key = List.of(KeyText.of(record, primaryKey.get(0), entity));
        } else {
            String[] texts = new String[primaryKey.size()];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = KeyText.of(record, primaryKey.get(i), entity);
            }
            key = List.of(texts);
        }
        List<FlatPart> parts = new ArrayList<>(record.size());
        flatten(parts, record, root, true);
        return new FlatRecord(record, key, parts, settings.keepRawRecord() ? Values.json(record) : null);
    }

    private void flatten(List<FlatPart> parts, Map<?, ?> object, FieldPath parent, boolean entityTable) {
        boolean top = parent.depth() == 0;
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            Object name = entry.getKey();
            String field = name instanceof String text ? text : String.valueOf(name);
            if (entityTable && top && primaryKey.contains(field)) {
                continue;
            }
            FieldPath path = parent.child(field);
            if (isPlainScalar(value)) {
                parts.add(leaf(path, value, false));
                continue;
            }
            SchemaField declared = path.declared();
            FieldType declaredType = declared == null ? null : declared.type();
            if (value instanceof Map<?, ?> map && declaredType != FieldType.JSON && path.depth() < settings.maxDepth()
                    && (declaredType == FieldType.OBJECT
                            || (declaredType == null && map.size() <= settings.maxObjectKeys()))) {
                flatten(parts, map, path, entityTable);
            } else if (value instanceof List<?> list && entityTable && mayBeChildArray(list, declaredType)) {
                parts.add(array(path, list));
            } else {
                parts.add(leaf(path, value, value instanceof Map));
            }
        }
    }

    /**
     * Whether the value is a string, whole number, boolean or double: tested by exact class first because on JDK 17
     * an {@code instanceof} of an interface ({@code Map}, {@code List}) on a {@code String} rewrites the class's
     * one-entry secondary-supers cache, a cache line the writing thread reads too (JDK-8180450).
     */
    private static boolean isPlainScalar(Object value) {
        Class<?> type = value.getClass();
        return type == String.class || type == Long.class || type == Integer.class || type == Boolean.class
                || type == Double.class;
    }

    /** Whether the array is one of objects (nulls aside) or empty, and may be declared as an array. */
    private static boolean mayBeChildArray(List<?> list, FieldType declaredType) {
        if (declaredType != null && declaredType != FieldType.ARRAY) {
            return false;
        }
        boolean anyObject = list.isEmpty();
        for (Object element : list) {
            if (element == null) {
                continue;
            }
            if (isPlainScalar(element) || !(element instanceof Map)) {
                return false;
            }
            anyObject = true;
        }
        return anyObject;
    }

    private FlatPart.Array array(FieldPath path, List<?> list) {
        if (list.isEmpty()) {
            return new FlatPart.Array(path, List.of(), leaf(path, list, false));
        }
        FieldPath elementRoot = path.elementRoot();
        List<List<FlatPart>> elements = new ArrayList<>(list.size());
        for (Object element : list) {
            if (element instanceof Map<?, ?> object) {
                List<FlatPart> parts = new ArrayList<>(object.size());
                flatten(parts, object, elementRoot, false);
                elements.add(parts);
            } else {
                elements.add(null);
            }
        }
        return new FlatPart.Array(path, elements, null);
    }

    private FlatPart.Leaf leaf(FieldPath path, Object value, boolean object) {
        SchemaField declared = path.declared();
        ColumnType actual = Values.infer(value);
        ColumnType natural = declared == null ? actual : EntityTyper.columnType(declared.type());
        ValueFormat format = declared == null ? ValueFormat.DEFAULT : declared.format();
        return new FlatPart.Leaf(path, value, natural, Values.convertOrNull(value, natural, format), actual,
                declared == null && object ? jsonReason((Map<?, ?>) value, path.depth()) : null);
    }

    /** Why an undeclared object value is kept whole as JSON, for the warning. */
    private String jsonReason(Map<?, ?> map, int depth) {
        if (depth >= settings.maxDepth()) {
            return "it is nested deeper than max_nesting_depth " + settings.maxDepth();
        }
        return "it has " + map.size() + " keys (more than " + settings.maxObjectKeys() + ")";
    }
}

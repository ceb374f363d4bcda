package dev.tributary.runtime.typing;

import dev.tributary.spi.schema.SchemaField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A field's place in a record, made once per distinct path rather than once per value: its dotted source path, the
 * raw field names along it, its declared field (if any) and the declared fields nested in it. The path strings keep
 * their hash, so the writer's look-up of a path's column costs no hashing. The children cached per node and per tree
 * are bounded, so records with endless distinct keys do not grow memory. Not thread-safe; one tree per thread.
 */
final class FieldPath {

    private static final int MAX_CHILDREN = 256;

    private final String path;
    private final List<String> segments;
    private final SchemaField declared;
    private final Map<String, SchemaField> nested;
    private final Map<String, FieldPath> children = new HashMap<>();
    private FieldPath elementRoot;

    private FieldPath(String path, List<String> segments, SchemaField declared, List<SchemaField> nested) {
        this.path = path;
        this.segments = segments;
        this.declared = declared;
        this.nested = index(nested);
        // Computed here, on the flattening thread, and cached in the string for the writer's look-ups.
        path.hashCode();
    }

    /** The root of a table's records (or of an array's elements) whose fields are declared as {@code fields}. */
    static FieldPath root(List<SchemaField> fields) {
        return new FieldPath("", List.of(), null, fields);
    }

    /** The path of {@code field} inside this one. */
    FieldPath child(String field) {
        FieldPath known = children.get(field);
        if (known != null) {
            return known;
        }
        List<String> more = new ArrayList<>(segments.size() + 1);
        more.addAll(segments);
        more.add(field);
        SchemaField declaredField = nested.get(field);
        FieldPath child = new FieldPath(path.isEmpty() ? field : path + "." + field,
                Collections.unmodifiableList(more), declaredField,
                declaredField == null ? List.of() : declaredField.fields());
        if (children.size() < MAX_CHILDREN) {
            children.put(field, child);
        }
        return child;
    }

    /** The root of the elements of the array at this path, typed by the fields declared for them. */
    FieldPath elementRoot() {
        if (elementRoot == null) {
            elementRoot = root(declared == null ? List.of() : declared.fields());
        }
        return elementRoot;
    }

    /** The dotted source path ({@code address.city}); empty for a root. */
    String path() {
        return path;
    }

    /** The raw field names along the path. */
    List<String> segments() {
        return segments;
    }

    /** How deep the field is; a top-level field is 1. */
    int depth() {
        return segments.size();
    }

    /** The declared field at this path, or null when undeclared. */
    SchemaField declared() {
        return declared;
    }

    private static Map<String, SchemaField> index(List<SchemaField> fields) {
        if (fields.isEmpty()) {
            return Map.of();
        }
        Map<String, SchemaField> byName = new HashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        return byName;
    }
}

package dev.tributary.spi.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One field of an entity's records, as the source names it: its type, whether it may be null, a line for people and,
 * for objects and arrays of objects, the fields inside.
 *
 * <p>Build fields with the factories, which read like the schema they describe:
 * <pre>{@code
 * EntitySchema.of(
 *         SchemaField.string("id").notNull(),
 *         SchemaField.timestamp("created", ValueFormat.EPOCH_SECONDS).withDescription("When it was created."),
 *         SchemaField.integer("balance"),
 *         SchemaField.object("address", SchemaField.string("city"), SchemaField.string("country")),
 *         SchemaField.array("items", SchemaField.string("id"), SchemaField.integer("quantity")),
 *         SchemaField.json("metadata"));
 * }</pre>
 *
 * @param name the field's key in the record, exactly as the source writes it (the runtime normalises column names)
 * @param type the field's type
 * @param nullable whether the value may be null or missing
 * @param description one line for people; may be empty, never null
 * @param fields for {@link FieldType#OBJECT}: its nested fields; for {@link FieldType#ARRAY}: the fields of its
 *     object elements (empty for an array of scalars, kept whole); empty for every other type
 * @param format how the source writes the values, when it differs from the type's natural JSON shape
 * @since 1.1
 */
public record SchemaField(
        String name, FieldType type, boolean nullable, String description, List<SchemaField> fields,
        ValueFormat format) {

    public SchemaField {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a schema field needs a non-empty name");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
        Objects.requireNonNull(format, "format");
        if (!fields.isEmpty() && type != FieldType.OBJECT && type != FieldType.ARRAY) {
            throw new IllegalArgumentException("field '" + name + "' of type " + type
                    + " cannot have nested fields; only OBJECT and ARRAY fields do");
        }
        requireUniqueNames(fields, "field '" + name + "'");
        if (!fits(type, format)) {
            throw new IllegalArgumentException("field '" + name + "' of type " + type + " cannot use format "
                    + format + "; " + allowedFormats(type));
        }
    }

    /** A nullable field of the given type in its natural JSON shape. */
    public static SchemaField of(String name, FieldType type) {
        return new SchemaField(name, type, true, "", List.of(), ValueFormat.DEFAULT);
    }

    /** A text field. */
    public static SchemaField string(String name) {
        return of(name, FieldType.STRING);
    }

    /** A whole-number field. */
    public static SchemaField integer(String name) {
        return of(name, FieldType.INTEGER);
    }

    /** A decimal-number field. */
    public static SchemaField number(String name) {
        return of(name, FieldType.NUMBER);
    }

    /** A {@code true}/{@code false} field. */
    public static SchemaField bool(String name) {
        return of(name, FieldType.BOOLEAN);
    }

    /** A timestamp field sent as ISO-8601 text (or epoch seconds when a number). */
    public static SchemaField timestamp(String name) {
        return of(name, FieldType.TIMESTAMP);
    }

    /** A timestamp field sent in the given format, e.g. {@link ValueFormat#EPOCH_SECONDS}. */
    public static SchemaField timestamp(String name, ValueFormat format) {
        return of(name, FieldType.TIMESTAMP).withFormat(format);
    }

    /** A date field sent as ISO-8601 text ({@code 2024-01-31}). */
    public static SchemaField date(String name) {
        return of(name, FieldType.DATE);
    }

    /** A field kept whole as JSON, whatever it holds (e.g. free-form {@code metadata}). */
    public static SchemaField json(String name) {
        return of(name, FieldType.JSON);
    }

    /** An object field whose nested fields become {@code name__child} columns. */
    public static SchemaField object(String name, SchemaField... nested) {
        return new SchemaField(name, FieldType.OBJECT, true, "", List.of(nested), ValueFormat.DEFAULT);
    }

    /**
     * An array field. With element fields, the elements are objects that go to a child table; without, the array is
     * kept whole as JSON.
     */
    public static SchemaField array(String name, SchemaField... elementFields) {
        return new SchemaField(name, FieldType.ARRAY, true, "", List.of(elementFields), ValueFormat.DEFAULT);
    }

    /** A copy that is never null nor missing in the source. */
    public SchemaField notNull() {
        return new SchemaField(name, type, false, description, fields, format);
    }

    /** A copy with the given description. */
    public SchemaField withDescription(String text) {
        return new SchemaField(name, type, nullable, text, fields, format);
    }

    /** A copy with the given value format. */
    public SchemaField withFormat(ValueFormat value) {
        return new SchemaField(name, type, nullable, description, fields, value);
    }

    /** The nested field with the given name, if declared. */
    public Optional<SchemaField> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    static void requireUniqueNames(List<SchemaField> fields, String owner) {
        Set<String> seen = new HashSet<>();
        for (SchemaField field : fields) {
            if (!seen.add(field.name())) {
                throw new IllegalArgumentException(owner + " declares field '" + field.name() + "' twice");
            }
        }
    }

    private static boolean fits(FieldType type, ValueFormat format) {
        return switch (format) {
            case DEFAULT -> true;
            case EPOCH_SECONDS, EPOCH_MILLIS -> type == FieldType.TIMESTAMP;
            case ISO_8601 -> type == FieldType.TIMESTAMP || type == FieldType.DATE;
            case DECIMAL_STRING -> type == FieldType.NUMBER || type == FieldType.INTEGER;
        };
    }

    private static String allowedFormats(FieldType type) {
        return switch (type) {
            case TIMESTAMP -> "use DEFAULT, EPOCH_SECONDS, EPOCH_MILLIS or ISO_8601";
            case DATE -> "use DEFAULT or ISO_8601";
            case NUMBER, INTEGER -> "use DEFAULT or DECIMAL_STRING";
            default -> "use DEFAULT";
        };
    }
}

package dev.tributary.runtime.plugin;

import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of an entity and the schema its connector declares, shared by the CLI's {@code --json} output and
 * the API so both print the same shape (documented in {@code docs/typed-tables.md}):
 * <pre>{@code
 * {"name", "primaryKey": [...], "cursorField" (or null), "incremental", "description",
 *  "schemaDeclared", "fields": [{"name", "type", "format", "nullable", "description",
 *                                "fields": [...], "elementFields": [...]}]}
 * }</pre>
 * {@code type} and {@code format} are the lowercase names of {@link FieldType} and
 * {@link dev.tributary.spi.schema.ValueFormat}; an object's nested fields are in {@code fields}, the fields of an
 * array's object elements in {@code elementFields}, both empty otherwise. An entity without a declared schema has
 * {@code "schemaDeclared": false} and no fields. The maps keep key order; every key is always present. Stateless.
 */
public final class EntityJson {

    private EntityJson() {
    }

    /** The JSON form of an entity, its declared schema included. */
    public static Map<String, Object> of(EntityDescriptor entity) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", entity.name());
        json.put("primaryKey", entity.primaryKey());
        json.put("cursorField", entity.cursorField().orElse(null));
        json.put("incremental", entity.isIncremental());
        json.put("description", entity.description());
        json.put("schemaDeclared", entity.schema().isPresent());
        json.put("fields", entity.schema().map(schema -> fields(schema.fields())).orElse(List.of()));
        return json;
    }

    /** The JSON form of declared fields, nested ones included, in their declared order. */
    public static List<Map<String, Object>> fields(List<SchemaField> fields) {
        return fields.stream().map(EntityJson::field).toList();
    }

    private static Map<String, Object> field(SchemaField field) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", field.name());
        json.put("type", field.type().name().toLowerCase(Locale.ROOT));
        json.put("format", field.format().name().toLowerCase(Locale.ROOT));
        json.put("nullable", field.nullable());
        json.put("description", field.description());
        json.put("fields", field.type() == FieldType.OBJECT ? fields(field.fields()) : List.of());
        json.put("elementFields", field.type() == FieldType.ARRAY ? fields(field.fields()) : List.of());
        return json;
    }
}

package dev.tributary.connect;

import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The entity schema a sink types its table from, read back from a record's Connect value schema: the inverse of
 * {@link StructValues#schema}, so a topic written by the source connector gives the same typed columns as a direct
 * sync of the entity, and a reasonable one for other producers' structs (int8–int64 as INTEGER, float32/64 as
 * NUMBER, bytes as STRING (base64), maps and arrays of scalars as JSON).
 */
final class SinkSchemas {

    private SinkSchemas() {
    }

    /** The declared schema of values of this Connect schema; empty for schemaless values and non-struct values. */
    static Optional<EntitySchema> of(Schema valueSchema) {
        if (valueSchema == null || valueSchema.type() != Schema.Type.STRUCT) {
            return Optional.empty();
        }
        return Optional.of(new EntitySchema(fields(valueSchema)));
    }

    private static List<SchemaField> fields(Schema struct) {
        List<SchemaField> fields = new ArrayList<>();
        for (Field field : struct.fields()) {
            if (!StructValues.EXTRA_FIELD.equals(field.name())) {
                fields.add(field(field.name(), field.schema()));
            }
        }
        return fields;
    }

    private static SchemaField field(String name, Schema schema) {
        String logical = schema.name() == null ? "" : schema.name();
        if (StructValues.JSON_SCHEMA_NAME.equals(logical)) {
            return SchemaField.json(name);
        }
        if (Timestamp.LOGICAL_NAME.equals(logical)) {
            return SchemaField.timestamp(name, ValueFormat.ISO_8601);
        }
        if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(logical)) {
            return SchemaField.date(name);
        }
        if (Decimal.LOGICAL_NAME.equals(logical)) {
            return SchemaField.number(name);
        }
        return switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> SchemaField.integer(name);
            case FLOAT32, FLOAT64 -> SchemaField.number(name);
            case BOOLEAN -> SchemaField.bool(name);
            case STRING, BYTES -> SchemaField.string(name);
            case STRUCT -> new SchemaField(name, FieldType.OBJECT, true, "", fields(schema), ValueFormat.DEFAULT);
            case ARRAY -> schema.valueSchema().type() == Schema.Type.STRUCT
                    ? new SchemaField(name, FieldType.ARRAY, true, "", fields(schema.valueSchema()),
                            ValueFormat.DEFAULT)
                    : SchemaField.json(name);
            case MAP -> SchemaField.json(name);
        };
    }
}

package dev.tributary.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Connect {@link Schema}s derived from an entity's declared {@link EntitySchema}, and record values as {@link Struct}s
 * of them.
 *
 * <p>Mapping: STRING → string, INTEGER → int64, NUMBER → {@link Decimal} (scale {@value #DECIMAL_SCALE}), BOOLEAN →
 * boolean, TIMESTAMP → {@link Timestamp}, DATE → {@link org.apache.kafka.connect.data.Date}, OBJECT with fields →
 * struct, ARRAY with element fields → array of structs, JSON (and an OBJECT or ARRAY without declared fields) →
 * string of JSON text named {@value #JSON_SCHEMA_NAME}. Every field is optional. Each struct also has an optional
 * field {@value #EXTRA_FIELD} holding, as one JSON object, the record's undeclared fields and any declared field
 * whose value does not fit its type (that field is then null), so no value is lost; {@link #toTributary} puts them
 * back.
 */
final class StructValues {

    /** The name of the string schema whose values are JSON text. */
    static final String JSON_SCHEMA_NAME = "dev.tributary.Json";
    /** The struct field holding undeclared and non-fitting values as a JSON object. */
    static final String EXTRA_FIELD = "_tributary_extra";
    /** The scale of every NUMBER field's {@link Decimal}; a value needing more digits goes to the extra field. */
    static final int DECIMAL_SCALE = 9;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema JSON_SCHEMA = SchemaBuilder.string().name(JSON_SCHEMA_NAME).optional().build();
    private static final Schema DECIMAL_SCHEMA = Decimal.builder(DECIMAL_SCALE).optional().build();
    private static final Schema TIMESTAMP_SCHEMA = Timestamp.builder().optional().build();
    private static final Schema DATE_SCHEMA = org.apache.kafka.connect.data.Date.builder().optional().build();
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private StructValues() {
    }

    /** The value schema of an entity's records, a struct named {@code tributary.<entity>}. */
    static Schema schema(String entity, EntitySchema declared) {
        return struct(declared.fields(), "tributary." + entity.replaceAll("[^A-Za-z0-9_]", "_"));
    }

    /** A record (a JSON-compatible map) as a {@link Struct} of {@code schema}, from {@link #schema}. */
    static Struct struct(Map<String, Object> record, Schema schema) {
        Struct struct = new Struct(schema);
        Map<String, Object> extra = new LinkedHashMap<>();
        record.forEach((name, value) -> {
            Field field = EXTRA_FIELD.equals(name) ? null : schema.field(name);
            if (field == null) {
                extra.put(name, value);
                return;
            }
            if (value == null) {
                return;
            }
            Optional<Object> converted = convert(value, field.schema());
            if (converted.isPresent()) {
                struct.put(field, converted.get());
            } else {
                extra.put(name, value);
            }
        });
        if (!extra.isEmpty()) {
            struct.put(EXTRA_FIELD, json(extra));
        }
        return struct;
    }

    /**
     * A Connect value back as a Tributary value: structs as maps (with {@value #EXTRA_FIELD} merged back), JSON text
     * parsed, timestamps as ISO-8601 instants, dates as ISO-8601 dates, decimals without trailing zeros.
     */
    static Object toTributary(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        if (value instanceof Struct struct) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Field field : struct.schema().fields()) {
                Object item = struct.get(field);
                if (EXTRA_FIELD.equals(field.name()) && item instanceof String text) {
                    if (parse(text) instanceof Map<?, ?> extra) {
                        extra.forEach((name, extraValue) -> map.put(String.valueOf(name), extraValue));
                    }
                } else if (!EXTRA_FIELD.equals(field.name())) {
                    map.put(field.name(), toTributary(item, field.schema()));
                }
            }
            return map;
        }
        String name = schema == null ? null : schema.name();
        if (JSON_SCHEMA_NAME.equals(name) && value instanceof String text) {
            return parse(text);
        }
        if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(name) && value instanceof Date date) {
            return LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC).toString();
        }
        if (Decimal.LOGICAL_NAME.equals(name) && value instanceof BigDecimal decimal) {
            return plain(decimal);
        }
        if (value instanceof List<?> list) {
            Schema element = schema == null || schema.type() != Schema.Type.ARRAY ? null : schema.valueSchema();
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(toTributary(item, element)));
            return copy;
        }
        return ConnectValues.toTributary(value);
    }

    /** A decimal without the zeros its fixed Connect scale added: {@code 12.500000000} is {@code 12.5} again. */
    private static BigDecimal plain(BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Schema struct(List<SchemaField> fields, String name) {
        SchemaBuilder builder = SchemaBuilder.struct().optional();
        if (name != null) {
            builder.name(name);
        }
        for (SchemaField field : fields) {
            if (!EXTRA_FIELD.equals(field.name())) {
                builder.field(field.name(), fieldSchema(field));
            }
        }
        return builder.field(EXTRA_FIELD, JSON_SCHEMA).build();
    }

    private static Schema fieldSchema(SchemaField field) {
        return switch (field.type()) {
            case STRING -> Schema.OPTIONAL_STRING_SCHEMA;
            case INTEGER -> Schema.OPTIONAL_INT64_SCHEMA;
            case NUMBER -> DECIMAL_SCHEMA;
            case BOOLEAN -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
            case TIMESTAMP -> timestampSchema(field.format());
            case DATE -> DATE_SCHEMA;
            case JSON -> JSON_SCHEMA;
            case OBJECT -> field.fields().isEmpty() ? JSON_SCHEMA : struct(field.fields(), null);
            case ARRAY -> field.fields().isEmpty() ? JSON_SCHEMA
                    : SchemaBuilder.array(struct(field.fields(), null)).optional().build();
        };
    }

    /** Timestamps share one schema; the source's format is known from the declared field, kept as a parameter. */
    private static Schema timestampSchema(ValueFormat format) {
        return format == ValueFormat.DEFAULT ? TIMESTAMP_SCHEMA
                : Timestamp.builder().optional().parameter("tributary.format", format.name()).build();
    }

    private static Optional<Object> convert(Object value, Schema schema) {
        try {
            return Optional.ofNullable(switch (schema.type()) {
                case STRING -> JSON_SCHEMA_NAME.equals(schema.name()) ? json(value)
                        : value instanceof String ? value : null;
                case INT64 -> Timestamp.LOGICAL_NAME.equals(schema.name()) ? timestamp(value, schema)
                        : integer(value);
                case BYTES -> decimal(value);
                case BOOLEAN -> value instanceof Boolean ? value : null;
                case INT32 -> value instanceof String text ? date(text) : null;
                case STRUCT -> value instanceof Map<?, ?> map ? struct(stringKeys(map), schema) : null;
                case ARRAY -> array(value, schema.valueSchema());
                default -> null;
            });
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Object integer(Object value) {
        BigInteger big = value instanceof String text ? new BigInteger(text.trim())
                : value instanceof BigInteger b ? b
                : value instanceof Number n ? new BigDecimal(n.toString()).toBigIntegerExact() : null;
        return big == null || big.compareTo(LONG_MIN) < 0 || big.compareTo(LONG_MAX) > 0 ? null : big.longValue();
    }

    private static Object decimal(Object value) {
        BigDecimal decimal = value instanceof String text ? new BigDecimal(text.trim())
                : value instanceof BigDecimal d ? d
                : value instanceof Number n ? new BigDecimal(n.toString()) : null;
        return decimal == null ? null : decimal.setScale(DECIMAL_SCALE, java.math.RoundingMode.UNNECESSARY);
    }

    private static Object timestamp(Object value, Schema schema) {
        String format = schema.parameters() == null ? null : schema.parameters().get("tributary.format");
        if (value instanceof Number || value instanceof String text && text.trim().matches("-?\\d+(\\.\\d+)?")) {
            BigDecimal number = new BigDecimal(value.toString().trim());
            long millis = ValueFormat.EPOCH_MILLIS.name().equals(format) ? number.longValueExact()
                    : number.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            return new Date(millis);
        }
        return ConnectValues.instant(value).map(Instant::toEpochMilli).map(Date::new).orElse(null);
    }

    private static Object date(String text) {
        LocalDate date = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        return Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static Object array(Object value, Schema element) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        List<Object> structs = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item == null) {
                structs.add(null);
            } else if (item instanceof Map<?, ?> map) {
                structs.add(struct(stringKeys(map), element));
            } else {
                return null;
            }
        }
        return structs;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, item) -> copy.put(String.valueOf(key), item));
        return copy;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a record value cannot be written as JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    private static Object parse(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}

package dev.tributary.testkit;

import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that records a connector emits match the schema it declares: every declared field is present in every
 * record (a nullable field may hold {@code null}, a not-null field may not), and every non-null value has the JSON
 * shape its {@link FieldType} and {@link ValueFormat} promise. Nested object fields and the element fields of arrays
 * of objects are checked the same way.
 *
 * <p>Use it against records fetched from a fake server that replays real API fixtures, so a declared field that the
 * API does not send, or sends with another type, fails a test instead of producing an empty or mistyped column.
 */
public final class SchemaConformance {

    private SchemaConformance() {
    }

    /**
     * Every mismatch between the records and the schema, one line each naming the record index and the field path;
     * empty when they conform.
     */
    public static List<String> violations(EntitySchema schema, List<? extends Map<String, ?>> records) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            check(schema.fields(), records.get(i), "record " + i + ": ", found);
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static void check(List<SchemaField> fields, Map<String, ?> record, String path, List<String> found) {
        for (SchemaField field : fields) {
            String at = path + field.name();
            if (!record.containsKey(field.name())) {
                found.add(at + " is declared but missing");
                continue;
            }
            Object value = record.get(field.name());
            if (value == null) {
                if (!field.nullable()) {
                    found.add(at + " is declared not-null but is null");
                }
                continue;
            }
            if (!fits(field, value)) {
                found.add(at + " is declared " + field.type() + " (" + field.format() + ") but holds "
                        + value.getClass().getSimpleName() + " " + abbreviated(value));
                continue;
            }
            if (field.type() == FieldType.OBJECT) {
                check(field.fields(), (Map<String, ?>) value, at + ".", found);
            } else if (field.type() == FieldType.ARRAY && !field.fields().isEmpty()) {
                List<?> elements = (List<?>) value;
                for (int e = 0; e < elements.size(); e++) {
                    Object element = elements.get(e);
                    if (element instanceof Map<?, ?> map) {
                        check(field.fields(), (Map<String, ?>) map, at + "[" + e + "].", found);
                    } else {
                        found.add(at + "[" + e + "] is declared an object but holds " + abbreviated(element));
                    }
                }
            }
        }
    }

    private static boolean fits(SchemaField field, Object value) {
        return switch (field.type()) {
            case STRING -> value instanceof String;
            case INTEGER -> field.format() == ValueFormat.DECIMAL_STRING
                    ? parses(value, s -> new BigInteger(s)) : isWhole(value);
            case NUMBER -> field.format() == ValueFormat.DECIMAL_STRING
                    ? parses(value, s -> new BigDecimal(s)) : value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case TIMESTAMP -> switch (field.format()) {
                case EPOCH_SECONDS, EPOCH_MILLIS -> isWhole(value) || parses(value, Long::parseLong);
                case ISO_8601 -> parses(value, SchemaConformance::instant);
                default -> isWhole(value) || parses(value, SchemaConformance::instant);
            };
            case DATE -> parses(value, LocalDate::parse);
            case JSON -> true;
            case OBJECT -> value instanceof Map;
            case ARRAY -> value instanceof List;
        };
    }

    private static Object instant(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.parse(text + (text.endsWith("Z") ? "" : "Z"));
        }
    }

    private static boolean isWhole(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger;
    }

    private static boolean parses(Object value, java.util.function.Function<String, ?> parser) {
        if (!(value instanceof String text)) {
            return false;
        }
        try {
            parser.apply(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String abbreviated(Object value) {
        String text = String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}

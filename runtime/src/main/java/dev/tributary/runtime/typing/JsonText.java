package dev.tributary.runtime.typing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The JSON text of parsed-JSON values (maps with string keys, lists, strings, numbers, booleans, null), written
 * straight to a Jackson generator: the same text as {@code ObjectMapper.writeValueAsString}, without its per-call
 * serializer look-ups, which made up a large part of typing a record. Any other value is written by the mapper, and
 * a value holding a map with a key that is not a string is written whole by it. Thread-safe.
 */
final class JsonText {

    private final ObjectMapper mapper;

    JsonText(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The JSON text of {@code value}. */
    String of(Object value) throws IOException {
        SegmentedStringWriter out = new SegmentedStringWriter(mapper.getFactory()._getBufferRecycler());
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
            write(generator, value);
        } catch (NonStringKey e) {
            out.getAndClear();
            return mapper.writeValueAsString(value);
        }
        return out.getAndClear();
    }

    private void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
            return;
        }
        Class<?> type = value.getClass();
        if (type == String.class) {
            generator.writeString((String) value);
        } else if (type == Long.class) {
            generator.writeNumber((Long) value);
        } else if (type == Integer.class) {
            generator.writeNumber((Integer) value);
        } else if (type == Boolean.class) {
            generator.writeBoolean((Boolean) value);
        } else if (type == Double.class) {
            generator.writeNumber((Double) value);
        } else if (type == BigDecimal.class) {
            generator.writeNumber((BigDecimal) value);
        } else if (type == BigInteger.class) {
            generator.writeNumber((BigInteger) value);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw NonStringKey.INSTANCE;
                }
                generator.writeFieldName(key);
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else {
            mapper.writeValue(generator, value);
        }
    }

    /** A map key that is not a string: the mapper writes such a value its own way. */
    private static final class NonStringKey extends RuntimeException {

        private static final long serialVersionUID = 1L;
        static final NonStringKey INSTANCE = new NonStringKey();

        private NonStringKey() {
            super("a map key is not a string", null, false, false);
        }
    }
}

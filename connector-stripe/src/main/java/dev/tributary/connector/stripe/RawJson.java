package dev.tributary.connector.stripe;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON text to plain Java values ({@link LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Long},
 * {@link BigInteger}, {@link BigDecimal}, {@link Boolean}, {@code null}), so records keep every field Stripe sent —
 * nulls and fields newer than stripe-java included — in Stripe's order.
 *
 * <p>Why not Gson's {@code Map} binding: it turns every number into a {@code double} (losing large integers) and its
 * tree parser is lenient. Stateless and thread-safe.
 */
final class RawJson {

    private RawJson() {
    }

    /**
     * Parses a JSON object.
     *
     * @throws MalformedJsonException when the text is not exactly one well-formed JSON object
     */
    static Map<String, Object> parseObject(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setLenient(false);
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw new MalformedJsonException("expected a JSON object but found " + reader.peek());
            }
            Map<String, Object> value = readObject(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new MalformedJsonException("unexpected content after the JSON object");
            }
            return value;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new MalformedJsonException(e.getMessage());
        }
    }

    private static Object read(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT:
                return readObject(reader);
            case BEGIN_ARRAY:
                List<Object> list = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    list.add(read(reader));
                }
                reader.endArray();
                return list;
            case STRING:
                return reader.nextString();
            case NUMBER:
                return number(reader.nextString());
            case BOOLEAN:
                return reader.nextBoolean();
            case NULL:
                reader.nextNull();
                return null;
            default:
                throw new MalformedJsonException("unexpected " + reader.peek());
        }
    }

    private static Map<String, Object> readObject(JsonReader reader) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            map.put(name, read(reader));
        }
        reader.endObject();
        return map;
    }

    private static Number number(String text) {
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
            BigInteger integer = new BigInteger(text);
            return integer.bitLength() < 64 ? (Number) integer.longValue() : integer;
        }
        return new BigDecimal(text);
    }

    /** The text was not well-formed JSON of the expected shape. */
    static final class MalformedJsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) {
            super(message);
        }
    }
}

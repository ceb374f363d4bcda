package dev.tributary.connector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes JSON as plain Java values: objects become {@link java.util.LinkedHashMap} (key order kept),
 * arrays {@link java.util.ArrayList}, {@code null} stays {@code null}, whole numbers become {@link Integer},
 * {@link Long} or {@link java.math.BigInteger} as they fit, and decimals {@link java.math.BigDecimal}, so no digit
 * is lost. These are exactly the JSON-compatible values the SPI's records hold.
 *
 * <p>Thread-safe; one instance can serve every request of a plugin.
 */
public final class JsonCodec {

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Messages about malformed bodies must not quote the body (it may be large or sensitive).
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** Creates a codec. */
    public JsonCodec() {
    }

    /**
     * Parses one JSON value.
     *
     * @return a map, list, string, number, boolean, or {@code null} for the JSON literal {@code null}
     * @throws IOException when the text is not exactly one well-formed JSON value (truncated, trailing garbage)
     */
    public Object parse(byte[] json) throws IOException {
        if (json.length == 0) {
            throw new IOException("empty body where JSON was expected");
        }
        return mapper.readValue(json, Object.class);
    }

    /**
     * Parses JSON text that must hold an object, e.g. a connector's own resume state.
     *
     * @throws IllegalArgumentException when the text is not a JSON object; the message does not repeat the text
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> parseObject(String json) {
        Object value;
        try {
            value = parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("not well-formed JSON: " + firstLine(e.getMessage()), e);
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object, got " + describe(value));
        }
        return (Map<String, Object>) value;
    }

    /** Writes a JSON-compatible value (maps, lists, strings, numbers, booleans, null) as compact JSON text. */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a JSON-compatible value as UTF-8 bytes. */
    public byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The first line of a parser message, without the location block Jackson appends. */
    static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Names the JSON type of a parsed value, for error messages that must not echo the value itself. */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Map) {
            return "an object";
        } else if (value instanceof List) {
            return "an array";
        } else if (value instanceof String) {
            return "a string";
        } else if (value instanceof Number) {
            return "a number";
        } else if (value instanceof Boolean) {
            return "a boolean";
        }
        return value.getClass().getSimpleName();
    }
}

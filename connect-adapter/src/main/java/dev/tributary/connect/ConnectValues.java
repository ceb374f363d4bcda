package dev.tributary.connect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Converts between Tributary records (JSON-compatible maps) and the values Kafka Connect's schemaless converters
 * accept: numbers Connect has no schemaless type for ({@link BigDecimal}, {@link BigInteger}) become
 * {@code Double}/{@code Long} (or text when they do not fit), {@link Struct}s become maps.
 */
final class ConnectValues {

    private ConnectValues() {
    }

    /** A deep copy of a Tributary value in types Connect's schemaless JSON converter writes. */
    static Object toConnect(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), toConnect(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(toConnect(item)));
            return copy;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof BigInteger integer) {
            return integer.bitLength() < 64 ? (Object) integer.longValue() : integer.toString();
        }
        return value;
    }

    /**
     * A Connect record key or value as a Tributary record value: maps and structs as maps, lists as lists, scalars
     * as they are.
     */
    static Object toTributary(Object value) {
        if (value instanceof Struct struct) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Field field : struct.schema().fields()) {
                map.put(field.name(), toTributary(struct.get(field)));
            }
            return map;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), toTributary(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(toTributary(item)));
            return copy;
        }
        if (value instanceof byte[] bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant().toString();
        }
        return value;
    }

    /** The instant a cursor-field value stands for: ISO-8601 text or Unix epoch seconds; empty otherwise. */
    static Optional<Instant> instant(Object value) {
        if (value instanceof Number number) {
            return Optional.of(Instant.ofEpochMilli(Math.round(number.doubleValue() * 1000)));
        }
        if (value instanceof String text && !text.isBlank()) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e) {
                try {
                    return Optional.of(OffsetDateTime.parse(text).toInstant());
                } catch (DateTimeParseException again) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}

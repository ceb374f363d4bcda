package dev.tributary.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds records the way connectors must: a {@link LinkedHashMap} in field order in which {@code null} is a value
 * (a JSON null), unlike {@code Map.of}, which rejects it.
 *
 * <pre>{@code
 * Map<String, Object> customer = RecordBuilder.record().put("id", "cus_1").put("email", null).build();
 * Map<String, Object> order = RecordBuilder.of("id", "ord_1", "amount", 1200L, "coupon", null);
 * }</pre>
 *
 * <p>Not thread-safe; {@link #build()} returns an unmodifiable copy.
 */
public final class RecordBuilder {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private RecordBuilder() {
    }

    /** Starts an empty record. */
    public static RecordBuilder record() {
        return new RecordBuilder();
    }

    /**
     * A record from alternating field names and values.
     *
     * @throws IllegalArgumentException when the arguments are not name/value pairs with text names
     */
    public static Map<String, Object> of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected field names and values in pairs, got "
                    + namesAndValues.length + " arguments");
        }
        RecordBuilder builder = record();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("argument " + i + " must be a field name (text), was "
                        + namesAndValues[i]);
            }
            builder.put(name, namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /** Sets a field; {@code null} stores a JSON null. */
    public RecordBuilder put(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    /** The record so far, as an unmodifiable map keeping field order and nulls. */
    public Map<String, Object> build() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}

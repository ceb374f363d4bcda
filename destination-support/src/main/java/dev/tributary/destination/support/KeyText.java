package dev.tributary.destination.support;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The text stored in a primary-key column for a record's key field, the same in every destination. Numbers are
 * written without a fraction when whole ({@code 42}, not {@code 42.0}), so the same key always maps to the same row
 * whatever its JSON number type. Stateless.
 */
public final class KeyText {

    private KeyText() {
    }

    /**
     * The text of {@code record}'s key field {@code field}.
     *
     * @throws IllegalArgumentException naming the entity and field when the record lacks the key or it is null
     */
    public static String of(Map<String, Object> record, String field, String entity) {
        Object value = record.get(field);
        if (value == null) {
            throw new IllegalArgumentException("a record of entity '" + entity + "' has no value for its primary-key"
                    + " field '" + field + "'");
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            BigDecimal number = new BigDecimal(value.toString()).stripTrailingZeros();
            return number.scale() <= 0 ? number.toBigInteger().toString() : number.toPlainString();
        }
        return value.toString();
    }

    /**
     * One text for the whole key of {@code record}: the texts of {@code primaryKey}'s fields in order, joined by
     * {@code U+0000} (which no key text of a JSON source holds), as the event ledger keys its rows.
     *
     * @throws IllegalArgumentException naming the entity and field when the record lacks a key field or it is null
     */
    public static String rowKey(Map<String, Object> record, List<String> primaryKey, String entity) {
        StringBuilder key = new StringBuilder();
        for (String field : primaryKey) {
            if (key.length() > 0) {
                key.append('\u0000');
            }
            key.append(of(record, field, entity));
        }
        return key.toString();
    }
}

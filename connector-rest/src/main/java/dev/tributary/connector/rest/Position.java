package dev.tributary.connector.rest;

import dev.tributary.connector.http.JsonCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a paginator stands: the page to request and how many of its records were already handed over. Its JSON form
 * is part of the resume state, e.g. {@code {"paginator":"offset","number":200,"skip":0}} or
 * {@code {"paginator":"cursor","number":3,"token":"cus_123","skip":40}}.
 *
 * @param paginator the paginator type the position belongs to, e.g. {@code offset}
 * @param number the offset (offset paginator), the page number (page_number), else the count of pages followed
 * @param token the cursor (cursor) or the next page's URL (next_url, link_header); absent on the first page
 * @param skip how many records at the start of the page were already handed over
 */
record Position(String paginator, long number, Optional<String> token, int skip) {

    Position {
        Objects.requireNonNull(paginator, "paginator");
        Objects.requireNonNull(token, "token");
        if (number < 0 || skip < 0) {
            throw new IllegalArgumentException("a position's number and skip are never negative");
        }
    }

    /** The same page with {@code delivered} of its records handed over; an offset moves past them instead. */
    Position afterRecords(int delivered) {
        return paginator.equals("offset") ? new Position(paginator, number + delivered, token, 0)
                : new Position(paginator, number, token, delivered);
    }

    /** The JSON-compatible form stored in the resume state. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("paginator", paginator);
        map.put("number", number);
        token.ifPresent(value -> map.put("token", value));
        map.put("skip", skip);
        return map;
    }

    /**
     * Reads a position written by {@link #toMap()} for a paginator of type {@code expected}.
     *
     * @throws IllegalArgumentException when the value is malformed or belongs to another paginator type
     */
    static Position fromMap(Object value, String expected) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a position must be a JSON object, got " + JsonCodec.describe(value));
        }
        Object type = map.get("paginator");
        if (!expected.equals(type)) {
            throw new IllegalArgumentException("it was written for paginator '" + type + "' but the resource now "
                    + "uses '" + expected + "'");
        }
        if (!(map.get("number") instanceof Number number) || !(map.get("skip") instanceof Number skip)
                || (map.get("token") != null && !(map.get("token") instanceof String))) {
            throw new IllegalArgumentException("it holds no valid number, skip and token");
        }
        return new Position(expected, number.longValue(), Optional.ofNullable((String) map.get("token")),
                skip.intValue());
    }
}

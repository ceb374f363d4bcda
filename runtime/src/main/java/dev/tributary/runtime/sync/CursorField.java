package dev.tributary.runtime.sync;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an entity's cursor field from records: ISO-8601 text (with {@code Z} or an offset) or Unix epoch seconds
 * (whole or fractional numbers, or digits as text). Values that are neither are ignored.
 */
final class CursorField {

    private CursorField() {
    }

    /** The highest cursor value among {@code current} and the records' {@code field} values. */
    static Optional<Instant> max(Optional<Instant> current, List<Map<String, Object>> records, String field) {
        Instant max = current.orElse(null);
        for (Map<String, Object> record : records) {
            Optional<Instant> value = parse(record.get(field));
            if (value.isPresent() && (max == null || value.get().isAfter(max))) {
                max = value.get();
            }
        }
        return Optional.ofNullable(max);
    }

    /** The instant a cursor value stands for, absent when it is not a timestamp. */
    static Optional<Instant> parse(Object value) {
        if (value instanceof Number number) {
            return epochSeconds(new BigDecimal(number.toString()));
        }
        if (value instanceof String text && !text.isBlank()) {
            if (text.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                try {
                    return epochSeconds(new BigDecimal(text));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                try {
                    return Optional.of(Instant.parse(text));
                } catch (DateTimeParseException again) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> epochSeconds(BigDecimal seconds) {
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Optional.of(Instant.ofEpochSecond(whole, nanos));
    }
}

package dev.tributary.testkit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a record's cursor-field value the way the runtime does: ISO-8601 text (with an offset, or {@code Z}) or
 * Unix epoch seconds as a number or as digits.
 */
final class CursorValue {

    private CursorValue() {
    }

    /** The instant {@code value} denotes; absent when it is null or neither form. */
    static Optional<Instant> parse(Object value) {
        if (value instanceof Number number) {
            return Optional.of(Instant.ofEpochSecond(number.longValue()));
        }
        if (!(value instanceof String text) || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(trimmed)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

package dev.tributary.connector.http;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Client-side incremental filtering for connectors whose API cannot filter (or as a safety net when it does): the
 * records whose cursor value lies before {@code since} are dropped. Shared by the graphql and rest connectors.
 *
 * <p>Cursor values may be ISO-8601 text (with {@code Z} or an offset, or a bare date) or Unix epoch seconds. A
 * record whose value is missing or unreadable is kept, because dropping data silently is worse than syncing a row
 * again (rows are upserted on the primary key). Immutable and thread-safe.
 *
 * @param cursorField the record field to compare
 * @param since the inclusive lower bound
 */
public record SinceFilter(String cursorField, Instant since) {

    /** Whether {@code record} is at or after {@link #since()}, or has no readable cursor value. */
    public boolean keeps(Map<String, Object> record) {
        return cursorValue(record.get(cursorField)).map(value -> !value.isBefore(since)).orElse(true);
    }

    /** Whether {@code record}'s cursor value is missing or unreadable. */
    public boolean unreadable(Map<String, Object> record) {
        return cursorValue(record.get(cursorField)).isEmpty();
    }

    /** Reads a cursor value: ISO-8601 text or epoch seconds; empty when it is neither. */
    public static Optional<Instant> cursorValue(Object value) {
        if (value instanceof Number number) {
            try {
                BigDecimal seconds = new BigDecimal(number.toString());
                return Optional.of(Instant.ofEpochSecond(seconds.longValue(),
                        seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue()));
            } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
                return Optional.empty();
            }
        }
        if (value instanceof String text && !text.isBlank()) {
            String trimmed = text.trim();
            try {
                return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
            } catch (DateTimeParseException e) {
                // not a date-time with offset; try a bare date
            }
            try {
                return Optional.of(LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}

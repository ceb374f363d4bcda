package dev.tributary.connector.close;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Close's timestamps: ISO-8601 with microseconds and an offset ({@code 2024-05-20T08:45:12.010000+00:00}); older
 * payloads omit the offset, which then means UTC.
 */
final class CloseTimestamp {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneOffset.UTC);

    private CloseTimestamp() {
    }

    /** Parses a timestamp; absent when the value is not a string or not a timestamp. */
    static Optional<Instant> parse(Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException withOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException withoutOffset) {
                return Optional.empty();
            }
        }
    }

    /** Close's own form with microseconds and {@code +00:00}, for date filters. */
    static String format(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx"));
    }

    /** The minute containing the instant, {@code yyyy-MM-ddTHH:mm} in UTC (the lead search's precision). */
    static String floorMinute(Instant instant) {
        return MINUTES.format(instant.truncatedTo(ChronoUnit.MINUTES));
    }

    /** The first minute at or after the instant, {@code yyyy-MM-ddTHH:mm} in UTC. */
    static String ceilMinute(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.MINUTES);
        return MINUTES.format(floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.MINUTES));
    }
}

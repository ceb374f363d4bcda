package dev.tributary.connector.http;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the HTTP {@code Retry-After} header (RFC 9110 §10.2.3): either a number of seconds ({@code "2"}, and
 * leniently {@code "1.5"}) or an HTTP-date ({@code "Wed, 21 Oct 2026 07:28:00 GMT"}), measured against a clock.
 *
 * <p>Stateless apart from its clock; thread-safe.
 */
public final class RetryAfter {

    private final Clock clock;

    /** @param clock the clock HTTP-dates are measured against */
    public RetryAfter(Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    /**
     * The wait the header asks for.
     *
     * @param header the header value; null when the header is absent
     * @return the wait; absent when the header is absent, unreadable, zero, or a date in the past
     */
    public Optional<Duration> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        Optional<Duration> wait = seconds(value);
        if (wait.isEmpty()) {
            wait = httpDate(value);
        }
        return wait.filter(d -> !d.isNegative() && !d.isZero());
    }

    /** A whole or decimal number of seconds, absent when the text is not a plain number. */
    static Optional<Duration> seconds(String value) {
        try {
            BigDecimal seconds = new BigDecimal(value.trim());
            if (seconds.signum() <= 0) {
                return Optional.empty();
            }
            // Cap absurd values instead of overflowing; the runtime's retry limit still applies.
            BigDecimal capped = seconds.min(BigDecimal.valueOf(Duration.ofDays(1).toSeconds()));
            return Optional.of(Duration.ofNanos(capped.movePointRight(9).longValue()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<Duration> httpDate(String value) {
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(Duration.between(clock.instant(), at));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

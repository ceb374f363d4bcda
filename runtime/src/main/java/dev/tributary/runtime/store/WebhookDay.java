package dev.tributary.runtime.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook deliveries of one data source on one day (UTC), as kept in the run history.
 *
 * @param source the data source name
 * @param day the UTC day the deliveries arrived
 * @param applied deliveries applied to the tables
 * @param duplicates verified deliveries of events applied before
 * @param ignored verified deliveries of event types that change no table
 * @param refused deliveries that failed verification
 * @param lastEventTime the source time of the newest event applied that day, absent when none was
 * @param lastReceivedAt when the day's last delivery arrived
 */
public record WebhookDay(String source, LocalDate day, long applied, long duplicates, long ignored, long refused,
        Optional<Instant> lastEventTime, Instant lastReceivedAt) {

    public WebhookDay {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(lastEventTime, "lastEventTime");
        Objects.requireNonNull(lastReceivedAt, "lastReceivedAt");
    }

    /** What one delivery counts as. */
    public enum Outcome {
        APPLIED, DUPLICATE, IGNORED, REFUSED
    }
}

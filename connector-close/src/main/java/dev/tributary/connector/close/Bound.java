package dev.tributary.connector.close;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One end of the date range a listing is narrowed to, inclusive: the date field's value, and the ids of records
 * at exactly that value that were already handed over (so they are not handed over twice).
 *
 * @param value the bound as Close writes timestamps (sent back to Close as is)
 * @param at the parsed value
 * @param seenIds ids of records with exactly this date that were already delivered
 */
record Bound(String value, Instant at, List<String> seenIds) {

    Bound {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
        seenIds = List.copyOf(seenIds);
    }

    /** A bound at the given instant with no records seen, e.g. the incremental start. */
    static Bound at(Instant instant) {
        return new Bound(CloseTimestamp.format(instant), instant, List.of());
    }
}

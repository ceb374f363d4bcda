package dev.tributary.connector.stripe;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How far the events of one entity have been applied: the last processed event (its id and {@code created}), or —
 * when there was no event to point at yet — the time from which events still have to be applied.
 *
 * @param eventId the id of the last applied event; absent when only a time is known
 * @param created the {@code created} time of that event, or the time events must be read from
 */
record EventPosition(Optional<String> eventId, Instant created) {

    EventPosition {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(created, "created");
    }

    /** The position right after the given event. */
    static EventPosition after(String eventId, Instant created) {
        return new EventPosition(Optional.of(eventId), created);
    }

    /** A position that only knows the time from which events are still to be applied. */
    static EventPosition from(Instant time) {
        return new EventPosition(Optional.empty(), time);
    }
}

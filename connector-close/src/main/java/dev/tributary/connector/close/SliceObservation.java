package dev.tributary.connector.close;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the records of the current slice showed about their date field so far: its smallest and largest value
 * (with the ids at each), and whether the server returned them in ascending or descending order. This is what
 * narrowing needs when Close refuses a deeper {@code _skip}.
 *
 * @param min the smallest date seen and the ids at it
 * @param max the largest date seen and the ids at it
 * @param last the date of the last record seen
 * @param ascending whether every record so far had a date not before the previous one
 * @param descending whether every record so far had a date not after the previous one
 */
record SliceObservation(Optional<Bound> min, Optional<Bound> max, Optional<Instant> last, boolean ascending,
        boolean descending) {

    /** Nothing seen yet: either order is still possible. */
    static final SliceObservation NONE =
            new SliceObservation(Optional.empty(), Optional.empty(), Optional.empty(), true, true);

    /** Takes one more record into account; a record without a readable date makes the order unknown. */
    SliceObservation observe(String id, Object dateValue) {
        Optional<Instant> date = CloseTimestamp.parse(dateValue);
        if (date.isEmpty()) {
            return new SliceObservation(min, max, last, false, false);
        }
        Instant at = date.get();
        String rawDate = (String) dateValue;
        boolean asc = ascending && last.map(previous -> !at.isBefore(previous)).orElse(true);
        boolean desc = descending && last.map(previous -> !at.isAfter(previous)).orElse(true);
        return new SliceObservation(extreme(min, at, rawDate, id, -1), extreme(max, at, rawDate, id, 1),
                Optional.of(at), asc, desc);
    }

    private static Optional<Bound> extreme(Optional<Bound> current, Instant at, String raw, String id, int sign) {
        if (current.isEmpty() || Integer.signum(at.compareTo(current.get().at())) == sign) {
            return Optional.of(new Bound(raw, at, List.of(id)));
        }
        if (at.equals(current.get().at())) {
            List<String> ids = new ArrayList<>(current.get().seenIds());
            if (!ids.contains(id)) {
                ids.add(id);
            }
            return Optional.of(new Bound(current.get().value(), at, ids));
        }
        return current;
    }
}

package dev.tributary.connector.close;

import dev.tributary.connector.http.JsonCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a listing stands after a batch: the endpoint ({@code part}, for entities read from several), the
 * {@code _skip} of the next page, the date slice being read, what that slice showed so far, and whether the
 * listing is complete. Handed to the runtime as JSON with every batch; any of these states resumes exactly after
 * the records delivered with it.
 *
 * @param part index of the endpoint being read
 * @param skip {@code _skip} of the next page within the slice
 * @param lower the inclusive lower date bound of the slice, absent for none
 * @param upper the inclusive upper date bound of the slice, absent for none
 * @param observed what the slice's records showed so far
 * @param complete whether everything has been read
 * @param listingStartedAt when a complete listing (one without a date bound) began, so that its last batch lets the
 *     runtime mark the rows it did not list deleted; absent for incremental listings
 */
record ListingState(int part, long skip, Optional<Bound> lower, Optional<Bound> upper, SliceObservation observed,
        boolean complete, Optional<Instant> listingStartedAt) {

    private static final int VERSION = 1;

    /**
     * The state before the first page: the whole listing, begun at {@code now}, or everything at or after
     * {@code since}.
     */
    static ListingState start(Optional<Instant> since, Instant now) {
        return new ListingState(0, 0, since.map(Bound::at), Optional.empty(), SliceObservation.NONE, false,
                since.isPresent() ? Optional.empty() : Optional.of(now));
    }

    /** After a page of {@code count} records that did not end the slice. */
    ListingState nextPage(int count, SliceObservation seen) {
        return new ListingState(part, skip + count, lower, upper, seen, false, listingStartedAt);
    }

    /** The first page of the next endpoint, keeping the incremental lower bound. */
    ListingState nextPart(Optional<Instant> since) {
        return new ListingState(part + 1, 0, since.map(Bound::at), Optional.empty(), SliceObservation.NONE, false,
                listingStartedAt);
    }

    /** Everything read. */
    ListingState completed(SliceObservation seen) {
        return new ListingState(part, skip, lower, upper, seen, true, listingStartedAt);
    }

    /** A narrower slice starting over at {@code _skip=0}. */
    ListingState narrowed(Optional<Bound> newLower, Optional<Bound> newUpper) {
        return new ListingState(part, 0, newLower, newUpper, SliceObservation.NONE, false, listingStartedAt);
    }

    /** Writes the state as JSON. */
    String toJson(JsonCodec codec) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("v", VERSION);
        json.put("part", part);
        json.put("skip", skip);
        json.put("lower", lower.map(ListingState::boundJson).orElse(null));
        json.put("upper", upper.map(ListingState::boundJson).orElse(null));
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("min", observed.min().map(ListingState::boundJson).orElse(null));
        seen.put("max", observed.max().map(ListingState::boundJson).orElse(null));
        seen.put("last", observed.last().map(Instant::toString).orElse(null));
        seen.put("asc", observed.ascending());
        seen.put("desc", observed.descending());
        json.put("seen", seen);
        json.put("complete", complete);
        listingStartedAt.ifPresent(time -> json.put("listing_started", time.toString()));
        return codec.write(json);
    }

    /**
     * Reads a state written by {@link #toJson(JsonCodec)}.
     *
     * @throws IllegalArgumentException when the text is not such a state
     */
    static ListingState fromJson(String text, JsonCodec codec) {
        Map<String, Object> json = codec.parseObject(text);
        if (!Integer.valueOf(VERSION).equals(json.get("v"))) {
            throw new IllegalArgumentException("unknown resume state version " + json.get("v"));
        }
        Map<String, Object> seen = object(json.get("seen"), "seen");
        SliceObservation observed = new SliceObservation(bound(seen.get("min")), bound(seen.get("max")),
                Optional.ofNullable(seen.get("last")).map(value -> Instant.parse(text(value, "last"))),
                bool(seen.get("asc"), "asc"), bool(seen.get("desc"), "desc"));
        return new ListingState(number(json.get("part"), "part").intValue(), number(json.get("skip"), "skip")
                .longValue(), bound(json.get("lower")), bound(json.get("upper")), observed,
                bool(json.get("complete"), "complete"),
                Optional.ofNullable(json.get("listing_started"))
                        .map(value -> Instant.parse(text(value, "listing_started"))));
    }

    private static Map<String, Object> boundJson(Bound bound) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("value", bound.value());
        json.put("at", bound.at().toString());
        json.put("ids", bound.seenIds());
        return json;
    }

    private static Optional<Bound> bound(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        Map<String, Object> json = object(value, "bound");
        if (!(json.get("ids") instanceof List<?> ids)) {
            throw new IllegalArgumentException("resume state field 'ids' is not a list");
        }
        return Optional.of(new Bound(text(json.get("value"), "value"), Instant.parse(text(json.get("at"), "at")),
                ids.stream().map(id -> text(id, "ids")).toList()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String name) {
        if (value instanceof Map) {
            return (Map<String, Object>) value;
        }
        throw new IllegalArgumentException("resume state field '" + name + "' is not an object");
    }

    private static String text(Object value, String name) {
        if (value instanceof String string) {
            return string;
        }
        throw new IllegalArgumentException("resume state field '" + name + "' is not text");
    }

    private static Number number(Object value, String name) {
        if (value instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("resume state field '" + name + "' is not a number");
    }

    private static boolean bool(Object value, String name) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("resume state field '" + name + "' is not true or false");
    }
}

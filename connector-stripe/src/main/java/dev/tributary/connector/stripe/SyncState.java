package dev.tributary.connector.stripe;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The resume state of one entity run, handed to the runtime with every batch as JSON text.
 *
 * <p>A run first lists the resource newest-first ({@link Phase#LIST}, cursor {@code starting_after}); a full (or
 * created-only) run then ends, an incremental one goes on to apply the entity's events after {@link #position()}
 * oldest-first
 * ({@link Phase#SEEK} to find the oldest event when only a time is known, then {@link Phase#EVENTS}). The final
 * state ({@link Phase#DONE}) carries the event position the next incremental run starts from; the runtime hands it
 * back as the checkpoint.
 *
 * @param mode whether this run lists everything or only what is new and changed
 * @param phase the step the run continues with
 * @param listAfter the id of the last listed object (the {@code starting_after} of the next page)
 * @param createdFrom the {@code created[gte]} bound of an incremental listing
 * @param position how far events have been applied
 * @param seekAfter the {@code starting_after} of the next page while seeking the oldest event
 * @param listingStartedAt when the complete listing of a full run began (by the connector's clock), so that its last
 *     batch lets the runtime mark the rows it did not list deleted; absent for other runs and states written before
 */
record SyncState(Mode mode, Phase phase, Optional<String> listAfter, Optional<Instant> createdFrom,
        EventPosition position, Optional<String> seekAfter, Optional<Instant> listingStartedAt) {

    private static final int FORMAT = 1;

    /**
     * What a run covers: everything; new objects and then events; or (without a saved position) only new
     * objects. The last two read {@code created[gte]}.
     */
    enum Mode { FULL, INCREMENTAL, CREATED_ONLY }

    /** The step a run continues with. */
    enum Phase { LIST, SEEK, EVENTS, DONE }

    SyncState {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(listAfter, "listAfter");
        Objects.requireNonNull(createdFrom, "createdFrom");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(seekAfter, "seekAfter");
        Objects.requireNonNull(listingStartedAt, "listingStartedAt");
        if (phase == Phase.EVENTS && position.eventId().isEmpty()) {
            throw new IllegalArgumentException("the events phase needs an event id to continue after");
        }
    }

    /**
     * The start of a full run whose events, for the next incremental run, begin at {@code position}, and whose
     * complete listing begins at {@code listingStartedAt}.
     */
    static SyncState full(EventPosition position, Instant listingStartedAt) {
        return new SyncState(Mode.FULL, Phase.LIST, Optional.empty(), Optional.empty(), position, Optional.empty(),
                Optional.of(listingStartedAt));
    }

    /** The start of an incremental run: objects created from {@code createdFrom}, then events after position. */
    static SyncState incremental(Optional<Instant> createdFrom, EventPosition position) {
        return new SyncState(Mode.INCREMENTAL, Phase.LIST, Optional.empty(), createdFrom, position,
                Optional.empty(), Optional.empty());
    }

    /** A copy that ends after the listing: an incremental run that only lists objects created since. */
    SyncState withoutEvents() {
        return new SyncState(Mode.CREATED_ONLY, phase, listAfter, createdFrom, position, seekAfter, Optional.empty());
    }

    /** The state after a listed page whose last object is {@code lastId}. */
    SyncState listedUpTo(String lastId) {
        return new SyncState(mode, phase, Optional.of(lastId), createdFrom, position, seekAfter, listingStartedAt);
    }

    /** The state after the last listed page: done for a full run, on to the events for an incremental one. */
    SyncState listingFinished() {
        Phase next = mode != Mode.INCREMENTAL ? Phase.DONE
                : position.eventId().isPresent() ? Phase.EVENTS : Phase.SEEK;
        return new SyncState(mode, next, Optional.empty(), createdFrom, position, Optional.empty(), listingStartedAt);
    }

    /** The state while seeking the oldest event, after the page whose last event is {@code lastId}. */
    SyncState seekingAfter(String lastId) {
        return new SyncState(mode, Phase.SEEK, Optional.empty(), createdFrom, position, Optional.of(lastId),
                Optional.empty());
    }

    /** The state after applying events up to {@code newPosition}; {@code more} says whether newer ones remain. */
    SyncState appliedUpTo(EventPosition newPosition, boolean more) {
        return new SyncState(mode, more ? Phase.EVENTS : Phase.DONE, Optional.empty(), createdFrom, newPosition,
                Optional.empty(), Optional.empty());
    }

    /** The JSON text handed to the runtime. */
    String toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        json.addProperty("mode", mode.name().toLowerCase(Locale.ROOT));
        json.addProperty("phase", phase.name().toLowerCase(Locale.ROOT));
        listAfter.ifPresent(id -> json.addProperty("list_after", id));
        createdFrom.ifPresent(time -> json.addProperty("created_gte", time.getEpochSecond()));
        position.eventId().ifPresent(id -> json.addProperty("event_id", id));
        json.addProperty("event_created", position.created().getEpochSecond());
        seekAfter.ifPresent(id -> json.addProperty("seek_after", id));
        listingStartedAt.ifPresent(time -> json.addProperty("listing_started_ms", time.toEpochMilli()));
        return json.toString();
    }

    /**
     * Reads a state written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the text is not such a state
     */
    static SyncState parse(String text) {
        Map<String, Object> json;
        try {
            json = RawJson.parseObject(text);
        } catch (RawJson.MalformedJsonException e) {
            throw new IllegalArgumentException("not a Stripe sync state: " + e.getMessage(), e);
        }
        if (!Long.valueOf(FORMAT).equals(json.get("format"))) {
            throw new IllegalArgumentException("unknown Stripe sync state format " + json.get("format"));
        }
        try {
            Mode mode = Mode.valueOf(text(json, "mode").orElseThrow().toUpperCase(Locale.ROOT));
            Phase phase = Phase.valueOf(text(json, "phase").orElseThrow().toUpperCase(Locale.ROOT));
            Instant eventCreated = epoch(json, "event_created").orElseThrow();
            return new SyncState(mode, phase, text(json, "list_after"), epoch(json, "created_gte"),
                    new EventPosition(text(json, "event_id"), eventCreated), text(json, "seek_after"),
                    json.get("listing_started_ms") instanceof Long millis ? Optional.of(Instant.ofEpochMilli(millis))
                            : Optional.empty());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("incomplete Stripe sync state: " + e.getMessage(), e);
        }
    }

    private static Optional<String> text(Map<String, Object> json, String key) {
        Object value = json.get(key);
        return value instanceof String string ? Optional.of(string) : Optional.empty();
    }

    private static Optional<Instant> epoch(Map<String, Object> json, String key) {
        Object value = json.get(key);
        return value instanceof Long seconds ? Optional.of(Instant.ofEpochSecond(seconds)) : Optional.empty();
    }
}

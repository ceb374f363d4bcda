package dev.tributary.connector.stripe;

import dev.tributary.spi.Batch;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.PermanentException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of {@link StripeConnector#fetchEntity}: decides between a full and an incremental run, walks the pages
 * and hands every page to the runtime with a {@link SyncState} from which the run can continue.
 *
 * <p>Full run: remember the newest event of the entity's types (the position the next incremental run starts
 * from), then list everything newest-first with {@code starting_after}. Incremental run: list objects with
 * {@code created[gte]=since}, then apply the entity's events after the saved position oldest-first (walking with
 * {@code ending_before}), so that the last snapshot applied for an object is its newest; {@code *.deleted} events
 * of resources Stripe really deletes become deletions. A saved position older than Stripe's event retention
 * (30 days), or one Stripe no longer knows, turns the run into a full refresh.
 *
 * <p>Used once, on the fetching thread.
 */
final class EntityFetch {

    /** How long Stripe keeps events. */
    static final Duration EVENT_RETENTION = Duration.ofDays(30);
    /** Positions this close to the retention limit count as expired (clock differences, long runs). */
    private static final Duration RETENTION_MARGIN = Duration.ofHours(1);
    /** When no event exists yet, events are read from this long before the local clock's now. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** An event id older than this, with nothing newer, is replaced by a recent time (see latestQuiet). */
    private static final Duration QUIET_EVENT_AGE = Duration.ofDays(7);
    private static final int MAX_PAGE = 100;

    private final StripeEntity entity;
    private final StripeApi api;
    private final FetchOptions options;
    private final Clock clock;
    private final int pageSize;
    private long delivered;

    EntityFetch(StripeEntity entity, StripeApi api, FetchOptions options, Clock clock) {
        this.entity = Objects.requireNonNull(entity, "entity");
        this.api = Objects.requireNonNull(api, "api");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pageSize = Math.min(options.batchSize(), MAX_PAGE);
    }

    /** Runs to the end, or until a {@link dev.tributary.spi.error.ConnectorException} or cancellation. */
    void run() {
        SyncState state = options.resumeState().flatMap(text -> readState(text, "resume state"))
                .orElseGet(this::start);
        while (state.phase() != SyncState.Phase.DONE) {
            options.throwIfCancelled();
            state = switch (state.phase()) {
                case LIST -> list(state);
                case SEEK -> seek(state);
                case EVENTS -> events(state);
                case DONE -> state;
            };
        }
    }

    private SyncState start() {
        Optional<SyncState> last = options.checkpoint().flatMap(text -> readState(text, "checkpoint"))
                .filter(state -> state.phase() == SyncState.Phase.DONE);
        if (last.isEmpty()) {
            if (options.since().isPresent()) {
                // The SPI asks for records at or after since; without a position the events before this run
                // cannot be read, so start tracking them from now on.
                log(Level.WARNING, "no saved event position: reading objects created since " + options.since().get()
                        + " only; changes to older objects made before this run are not visible (run a full "
                        + "refresh to pick them up); later runs follow them through events");
                return SyncState.incremental(options.since(), startFull().position()).withoutEvents();
            }
            return startFull();
        }
        EventPosition position = last.get().position();
        if (position.created().isBefore(clock.instant().minus(EVENT_RETENTION).plus(RETENTION_MARGIN))) {
            log(Level.WARNING, "events were last applied up to " + describe(position) + ", more than "
                    + EVENT_RETENTION.toDays() + " days ago; Stripe keeps events for " + EVENT_RETENTION.toDays()
                    + " days, so changes since then cannot be read: falling back to a full refresh");
            return startFull();
        }
        return SyncState.incremental(options.since(), position);
    }

    private SyncState startFull() {
        Instant listingStartedAt = clock.instant();
        ListPage newest = api.list(eventsQuery().with("limit", 1));
        EventPosition position = newest.data().isEmpty()
                ? EventPosition.from(Instant.EPOCH)
                : positionOf(newest.data().get(0));
        return SyncState.full(latestQuiet(position), listingStartedAt);
    }

    /**
     * A position equivalent to {@code known} when no event newer than it exists right now. An event id is kept
     * (the next run pages forward from it directly) unless it is a week old; a bare time, or an old event, becomes
     * "from a few minutes ago", so that the position of an entity without changes never expires.
     */
    private EventPosition latestQuiet(EventPosition known) {
        Instant now = clock.instant();
        boolean keep = known.eventId().isPresent() && !known.created().isBefore(now.minus(QUIET_EVENT_AGE));
        return keep ? known : EventPosition.from(now.minus(CLOCK_SKEW));
    }

    private SyncState list(SyncState state) {
        Query query = entity.listQuery().with("limit", pageSize);
        if (state.createdFrom().isPresent()) {
            query = query.with("created[gte]", state.createdFrom().get().getEpochSecond());
        }
        if (state.listAfter().isPresent()) {
            query = query.with("starting_after", state.listAfter().get());
        }
        ListPage page = api.list(query);
        SyncState next = page.hasMore() && !page.data().isEmpty()
                ? state.listedUpTo(page.lastId())
                : state.listingFinished();
        if (next.phase() == SyncState.Phase.DONE && state.mode() == SyncState.Mode.FULL
                && state.listingStartedAt().isPresent()) {
            // The whole resource was listed: what the table holds beyond it was deleted, also when the events that
            // said so have expired.
            options.onBatch(Batch.endingCompleteListing(page.data(), List.of(), next.toJson(),
                    state.listingStartedAt().get()));
            delivered += page.data().size();
            options.onProgress(delivered);
            return next;
        }
        deliver(page.data(), List.of(), next);
        return next;
    }

    private SyncState seek(SyncState state) {
        Query query = eventsQuery().with("limit", pageSize)
                .with("created[gte]", state.position().created().getEpochSecond());
        Optional<ListPage> page;
        if (state.seekAfter().isPresent()) {
            page = api.listUnlessCursorMissing(query.with("starting_after", state.seekAfter().get()));
        } else {
            page = Optional.of(api.list(query));
        }
        if (page.isEmpty()) {
            return positionLost(state);
        }
        if (page.get().hasMore() && !page.get().data().isEmpty()) {
            SyncState next = state.seekingAfter(page.get().lastId());
            deliver(List.of(), List.of(), next);
            return next;
        }
        // The oldest events; the newer pages seen while seeking are read again with ending_before.
        return apply(state, page.get(), true);
    }

    private SyncState events(SyncState state) {
        String after = state.position().eventId().orElseThrow();
        Optional<ListPage> page = api.listUnlessCursorMissing(
                eventsQuery().with("limit", pageSize).with("ending_before", after));
        if (page.isEmpty()) {
            return positionLost(state);
        }
        return apply(state, page.get(), page.get().hasMore());
    }

    private SyncState positionLost(SyncState state) {
        log(Level.WARNING, "Stripe no longer has the events after " + describe(state.position())
                + " (they are kept for " + EVENT_RETENTION.toDays() + " days): falling back to a full refresh");
        return startFull();
    }

    /** Applies a page of events (newest first as listed) oldest-first, in batches of one kind each. */
    private SyncState apply(SyncState state, ListPage page, boolean more) {
        if (page.data().isEmpty()) {
            SyncState next = state.appliedUpTo(latestQuiet(state.position()), false);
            deliver(List.of(), List.of(), next);
            return next;
        }
        List<Map<String, Object>> chronological = new ArrayList<>(page.data());
        Collections.reverse(chronological);
        List<EventGroup> groups = new ArrayList<>();
        EventGroup current = null;
        for (Map<String, Object> event : chronological) {
            Optional<Map<String, Object>> object = dataObject(event);
            if (object.isEmpty()) {
                continue;
            }
            boolean deletion = entity.isDeletion(String.valueOf(event.get("type")));
            if (current == null || current.deletion != deletion) {
                current = new EventGroup(deletion);
                groups.add(current);
            }
            current.add(object.get(), event);
        }
        SyncState next = state.appliedUpTo(positionOf(page.data().get(0)), more);
        for (int i = 0; i < groups.size() - 1; i++) {
            EventGroup group = groups.get(i);
            group.deliver(state.appliedUpTo(positionOf(group.lastEvent), true));
        }
        if (groups.isEmpty()) {
            deliver(List.of(), List.of(), next);
        } else {
            groups.get(groups.size() - 1).deliver(next);
        }
        return next;
    }

    private Optional<Map<String, Object>> dataObject(Map<String, Object> event) {
        if (event.get("data") instanceof Map<?, ?> data && data.get("object") instanceof Map<?, ?> object
                && entity.objectType().equals(object.get("object")) && object.get("id") instanceof String) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) object;
            return Optional.of(typed);
        }
        return Optional.empty();
    }

    private Query eventsQuery() {
        return Query.of("/v1/events").withList("types", entity.eventTypes());
    }

    private void deliver(List<Map<String, Object>> records, List<Map<String, Object>> deletions, SyncState state) {
        options.onBatch(new Batch(records, deletions, state.toJson()));
        delivered += records.size() + deletions.size();
        options.onProgress(delivered);
    }

    private Optional<SyncState> readState(String text, String what) {
        try {
            return Optional.of(SyncState.parse(text));
        } catch (IllegalArgumentException e) {
            log(Level.WARNING, "ignoring unreadable " + what + " (" + e.getMessage() + "); starting over");
            return Optional.empty();
        }
    }

    private static EventPosition positionOf(Map<String, Object> event) {
        Object created = event.get("created");
        if (!(event.get("id") instanceof String id) || !(created instanceof Number seconds)) {
            throw new PermanentException(
                    "Stripe returned an event without 'id' or 'created' from GET /v1/events");
        }
        return EventPosition.after(id, Instant.ofEpochSecond(seconds.longValue()));
    }

    private static String describe(EventPosition position) {
        return position.eventId().map(id -> "event " + id + " of ").orElse("") + position.created();
    }

    private void log(Level level, String message) {
        options.logger().log(level, "stripe " + entity.entityName() + ": " + message);
    }

    /** Consecutive events of one kind: upserts (latest snapshot per id wins) or deletions. */
    private final class EventGroup {
        private final boolean deletion;
        private final Map<String, Map<String, Object>> items = new LinkedHashMap<>();
        private Map<String, Object> lastEvent;

        EventGroup(boolean deletion) {
            this.deletion = deletion;
        }

        void add(Map<String, Object> object, Map<String, Object> event) {
            String id = (String) object.get("id");
            items.remove(id);
            if (deletion) {
                Map<String, Object> key = new LinkedHashMap<>();
                key.put("id", id);
                items.put(id, key);
            } else {
                items.put(id, object);
            }
            lastEvent = event;
        }

        void deliver(SyncState state) {
            List<Map<String, Object>> values = new ArrayList<>(items.values());
            EntityFetch.this.deliver(deletion ? List.of() : values, deletion ? values : List.of(), state);
        }
    }
}

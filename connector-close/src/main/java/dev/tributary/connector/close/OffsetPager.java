package dev.tributary.connector.close;

import dev.tributary.connector.http.JsonCodec;
import dev.tributary.connector.http.JsonHttpClient;
import dev.tributary.connector.http.JsonResponse;
import dev.tributary.spi.Batch;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.PermanentException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one {@link Listing} page by page with {@code _skip}/{@code _limit}, handing each page to the runtime with
 * the {@link ListingState} after it.
 *
 * <p>When Close refuses a deeper {@code _skip} (a 400 mentioning {@code max_skip}), the pager narrows the date
 * slice instead of failing: if the slice's records came in ascending date order it continues at or after the
 * largest date seen, if descending at or before the smallest, at {@code _skip=0}, leaving out the records at that
 * exact date it already delivered. Records outside the slice's bounds (the lead search widens them to whole
 * minutes) are dropped, so nothing is delivered twice within a run.
 *
 * <p>One instance serves one {@code fetchEntity} call on one thread.
 */
final class OffsetPager {

    /** Close's list endpoints accept {@code _limit} up to 100 everywhere; larger values may be refused. */
    static final int MAX_PAGE_SIZE = 100;

    private final JsonHttpClient client;
    private final Listing listing;
    private final FetchOptions options;
    private final JsonCodec codec;
    private final CloseEntity entity;
    private final Clock clock;

    OffsetPager(JsonHttpClient client, CloseEntity entity, FetchOptions options, JsonCodec codec, Clock clock) {
        this.client = client;
        this.entity = entity;
        this.listing = entity.listing();
        this.options = options;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Reads from the resume state (or the start) to the end of the listing. An incremental listing's last batch
     * is preceded by the deletions the event log reports since the run's lower bound ({@link DeletionLog}, read before
     * the listing, again when a run resumes); a complete listing's last batch ends it, so the runtime marks the rows
     * it did not list deleted.
     */
    void run() {
        ListingState state = initialState();
        List<Map<String, Object>> deletions = since().isPresent() && entity.deletionObjectTypes().isPresent()
                ? new DeletionLog(client).deletedSince(since().get(), entity.deletionObjectTypes().get(),
                        entity == CloseEntity.LEADS)
                : List.of();
        int limit = Math.min(options.batchSize(), MAX_PAGE_SIZE);
        long delivered = 0;
        while (!state.complete()) {
            options.throwIfCancelled();
            Listing.Part part = listing.parts().get(state.part());
            Map<String, Object> params = new LinkedHashMap<>();
            ListingState current = state;
            listing.dateFilter().ifPresent(filter -> params.putAll(filter.params(current.lower(), current.upper())));
            params.put("_skip", state.skip());
            params.put("_limit", limit);
            JsonResponse response;
            try {
                response = client.get(part.path(), params);
            } catch (PermanentException e) {
                if (!CloseErrorInterpreter.isSkipCap(e.getMessage())) {
                    throw e;
                }
                state = narrow(state, part, e);
                continue;
            }
            Page page = Page.read(response, limit);
            SliceObservation seen = state.observed();
            List<Map<String, Object>> records = new ArrayList<>();
            for (Map<String, Object> record : page.records()) {
                String id = page.id(record);
                if (listing.dateFilter().isEmpty()) {
                    records.add(tagged(part, record));
                    continue;
                }
                // A record without a readable date makes the order unknown (no narrowing) and is always kept.
                Object date = record.get(listing.dateFilter().get().field());
                seen = seen.observe(id, date);
                if (inSlice(state, id, date)) {
                    records.add(tagged(part, record));
                }
            }
            ListingState next;
            if (page.hasMore()) {
                next = state.nextPage(page.records().size(), seen);
            } else if (state.part() + 1 < listing.parts().size()) {
                next = state.nextPart(since());
            } else {
                next = state.completed(seen);
            }
            if (!next.complete()) {
                options.onBatch(records, next.toJson(codec));
            } else if (next.listingStartedAt().isPresent()) {
                options.onBatch(Batch.endingCompleteListing(records, List.of(), next.toJson(codec),
                        next.listingStartedAt().get()));
            } else {
                // Deletions first, with the state before this page: a run resumed there reads the page and the
                // event log again, and marking a row deleted twice changes nothing.
                for (int from = 0; from < deletions.size(); from += options.batchSize()) {
                    options.onBatch(new Batch(List.of(), deletions.subList(from,
                            Math.min(deletions.size(), from + options.batchSize())), state.toJson(codec)));
                }
                options.onBatch(records, next.toJson(codec));
            }
            delivered += records.size();
            if (page.total().isPresent() && delivered <= page.total().get()) {
                options.onProgress(delivered, page.total().get());
            } else {
                options.onProgress(delivered);
            }
            state = next;
        }
    }

    private Optional<Instant> since() {
        return listing.dateFilter().isPresent() ? options.since() : Optional.empty();
    }

    private ListingState initialState() {
        if (options.resumeState().isEmpty()) {
            return ListingState.start(since(), clock.instant());
        }
        ListingState state;
        try {
            state = ListingState.fromJson(options.resumeState().get(), codec);
        } catch (RuntimeException e) {
            throw new PermanentException("the resume state of entity '" + options.entity()
                    + "' is not one this Close connector wrote (" + e.getMessage() + "); run a full refresh", e);
        }
        if (state.part() < 0 || state.part() >= listing.parts().size() || state.skip() < 0) {
            throw new PermanentException("the resume state of entity '" + options.entity()
                    + "' points outside its listing; run a full refresh");
        }
        return state;
    }

    private static boolean inSlice(ListingState state, String id, Object dateValue) {
        Optional<Instant> parsed = CloseTimestamp.parse(dateValue);
        if (parsed.isEmpty()) {
            return true;
        }
        Instant at = parsed.get();
        if (state.lower().isPresent()) {
            Bound lower = state.lower().get();
            if (at.isBefore(lower.at()) || at.equals(lower.at()) && lower.seenIds().contains(id)) {
                return false;
            }
        }
        if (state.upper().isPresent()) {
            Bound upper = state.upper().get();
            return !(at.isAfter(upper.at()) || at.equals(upper.at()) && upper.seenIds().contains(id));
        }
        return true;
    }

    private static Map<String, Object> tagged(Listing.Part part, Map<String, Object> record) {
        if (part.customFieldKind().isEmpty()) {
            return record;
        }
        Map<String, Object> copy = new LinkedHashMap<>(record);
        copy.put("_custom_field_kind", part.customFieldKind().get());
        return copy;
    }

    private ListingState narrow(ListingState state, Listing.Part part, PermanentException refusal) {
        String where = "Close refuses _skip=" + state.skip() + " on " + part.path();
        DateFilter filter = listing.dateFilter().orElseThrow(() -> new PermanentException(where
                + " and that endpoint cannot be filtered by date, so the remaining records of '" + options.entity()
                + "' cannot be reached by paging (" + refusal.getMessage() + ")", refusal));
        SliceObservation seen = state.observed();
        if (seen.ascending() && !seen.descending() && seen.max().isPresent()) {
            Bound max = seen.max().get();
            if (state.lower().isPresent() && !max.at().isAfter(state.lower().get().at())) {
                throw stuck(where, filter, max);
            }
            log(where + "; continuing with " + filter.field() + " >= " + max.value());
            return state.narrowed(Optional.of(max), state.upper());
        }
        if (seen.descending() && !seen.ascending() && seen.min().isPresent()) {
            Bound min = seen.min().get();
            if (state.upper().isPresent() && !min.at().isBefore(state.upper().get().at())) {
                throw stuck(where, filter, min);
            }
            log(where + "; continuing with " + filter.field() + " <= " + min.value());
            return state.narrowed(state.lower(), Optional.of(min));
        }
        if (seen.ascending() && seen.descending() && seen.max().isPresent()) {
            throw stuck(where, filter, seen.max().get());
        }
        throw new PermanentException(where + " and its records did not come ordered by " + filter.field()
                + ", so the listing cannot be narrowed by date", refusal);
    }

    private static PermanentException stuck(String where, DateFilter filter, Bound bound) {
        return new PermanentException(where + " and narrowing by " + filter.field() + " makes no progress: more "
                + "records than that share " + filter.field() + " around " + bound.value()
                + " (the lead search filters by whole minutes); Close's export API can read such an account");
    }

    private void log(String message) {
        options.logger().log(Level.INFO, message);
    }

    /** One page of a Close list response: {@code {"has_more": ..., "data": [...], "total_results": ...}}. */
    private record Page(JsonResponse response, List<Map<String, Object>> records, boolean hasMore,
            Optional<Long> total) {

        @SuppressWarnings("unchecked")
        static Page read(JsonResponse response, int limit) {
            Map<String, Object> body = response.object();
            if (!(body.get("data") instanceof List<?> data)) {
                throw response.unexpectedShape("field 'data' is missing or not an array");
            }
            if (data.size() > limit) {
                throw response.unexpectedShape("the page holds " + data.size() + " records though _limit was "
                        + limit);
            }
            List<Map<String, Object>> records = new ArrayList<>(data.size());
            for (Object item : data) {
                if (!(item instanceof Map)) {
                    throw response.unexpectedShape("an item of 'data' is not an object");
                }
                records.add((Map<String, Object>) item);
            }
            Object hasMore = body.get("has_more");
            if (!(hasMore instanceof Boolean)) {
                throw response.unexpectedShape("field 'has_more' is missing or not true/false");
            }
            if ((Boolean) hasMore && records.isEmpty()) {
                throw response.unexpectedShape("'has_more' is true but the page is empty");
            }
            Optional<Long> total = body.get("total_results") instanceof Number n ? Optional.of(n.longValue())
                    : Optional.empty();
            return new Page(response, records, (Boolean) hasMore, total);
        }

        String id(Map<String, Object> record) {
            if (record.get("id") instanceof String id && !id.isEmpty()) {
                return id;
            }
            throw response.unexpectedShape("a record has no 'id'");
        }
    }
}

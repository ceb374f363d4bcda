package dev.tributary.connector.close;

import dev.tributary.connector.http.JsonHttpClient;
import dev.tributary.connector.http.JsonResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The ids Close's event log ({@code GET /event/?action=deleted&date_updated__gte=...}, newest first, paged with
 * {@code _cursor}) reports deleted since a time, for one entity's object types, plus the leads merged away
 * ({@code action=merged}, {@code meta.merge_source_lead_id}). Close may consolidate events and list them a little out
 * of order, so the window starts {@value #RESCAN_MINUTES} minutes early. Used on the fetching thread.
 */
final class DeletionLog {

    static final int RESCAN_MINUTES = 5;
    private static final int PAGE = 50;

    private final JsonHttpClient client;

    DeletionLog(JsonHttpClient client) {
        this.client = client;
    }

    /** The deleted keys ({@code {"id": ...}}) of the object types {@code objectTypes} accepts, since {@code since}. */
    List<Map<String, Object>> deletedSince(Instant since, Predicate<String> objectTypes, boolean leads) {
        Set<String> ids = new LinkedHashSet<>();
        read("deleted", since, event -> {
            if (event.get("object_type") instanceof String type && objectTypes.test(type)
                    && event.get("object_id") instanceof String id) {
                ids.add(id);
            }
        });
        if (leads) {
            read("merged", since, event -> {
                if (event.get("meta") instanceof Map<?, ?> meta
                        && meta.get("merge_source_lead_id") instanceof String id) {
                    ids.add(id);
                }
            });
        }
        List<Map<String, Object>> keys = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("id", id);
            keys.add(key);
        }
        return keys;
    }

    private void read(String action, Instant since, Consumer<Map<String, Object>> each) {
        Instant fromTime = since.minus(Duration.ofMinutes(RESCAN_MINUTES));
        String from = fromTime.toString();
        String cursor = null;
        do {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("action", action);
            query.put("_limit", PAGE);
            if (cursor == null) {
                query.put("date_updated__gte", from);
            } else {
                // Close wants the other filters resent with a cursor, except date_updated.
                query.put("_cursor", cursor);
            }
            JsonResponse response = client.get("event/", query);
            Map<String, Object> body = response.object();
            if (!(body.get("data") instanceof List<?> data)) {
                throw response.unexpectedShape("field 'data' is missing or not an array");
            }
            boolean older = false;
            for (Object item : data) {
                if (item instanceof Map<?, ?> event) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) event;
                    if (CloseTimestamp.parse(typed.get("date_updated")).filter(at -> at.isBefore(fromTime))
                            .isPresent()) {
                        older = true;
                        continue;
                    }
                    each.accept(typed);
                }
            }
            cursor = !older && body.get("cursor_next") instanceof String next && !next.isEmpty() && !data.isEmpty()
                    ? next : null;
        } while (cursor != null);
    }
}

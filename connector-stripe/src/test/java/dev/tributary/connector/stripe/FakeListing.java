package dev.tributary.connector.stripe;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How the fake Stripe answers list requests: {@code limit} 1–100, newest first (ties by creation order),
 * {@code starting_after}/{@code ending_before} cursors (an unknown cursor is a 404 {@code resource_missing}),
 * {@code created} filters, the list envelope, and Stripe-shaped error bodies. Stateless.
 */
final class FakeListing {

    private FakeListing() {
    }

    static CannedResponse page(String url, List<FakeEntry> all, Predicate<FakeEntry> filter,
            Map<String, List<String>> params, Function<String, FakeEntry> cursorLookup) {
        int limit;
        try {
            limit = first(params, "limit").map(Integer::parseInt).orElse(10);
        } catch (NumberFormatException e) {
            return error(400, "invalid_request_error", null, "limit", "Invalid integer: limit");
        }
        if (limit < 1 || limit > 100) {
            return error(400, "invalid_request_error", null, "limit",
                    limit < 1 ? "This value must be greater than or equal to 1."
                            : "This value must be less than or equal to 100.");
        }
        Optional<String> startingAfter = first(params, "starting_after");
        Optional<String> endingBefore = first(params, "ending_before");
        if (startingAfter.isPresent() && endingBefore.isPresent()) {
            return error(400, "invalid_request_error", null, "ending_before",
                    "You may only specify one of these parameters: ending_before, starting_after.");
        }
        Comparator<FakeEntry> newestFirst = Comparator.comparingLong(FakeEntry::created)
                .thenComparingLong(FakeEntry::seq).reversed();
        List<FakeEntry> sorted = all.stream().filter(filter).sorted(newestFirst).toList();
        List<FakeEntry> page;
        boolean hasMore;
        if (endingBefore.isPresent()) {
            FakeEntry cursor = cursorLookup.apply(endingBefore.get());
            if (cursor == null) {
                return missing(endingBefore.get(), "ending_before");
            }
            List<FakeEntry> newer = sorted.stream().filter(s -> newestFirst.compare(s, cursor) < 0).toList();
            page = newer.subList(Math.max(0, newer.size() - limit), newer.size());
            hasMore = newer.size() > limit;
        } else {
            List<FakeEntry> candidates = sorted;
            if (startingAfter.isPresent()) {
                FakeEntry cursor = cursorLookup.apply(startingAfter.get());
                if (cursor == null) {
                    return missing(startingAfter.get(), "starting_after");
                }
                candidates = sorted.stream().filter(s -> newestFirst.compare(s, cursor) > 0).toList();
            }
            page = candidates.subList(0, Math.min(limit, candidates.size()));
            hasMore = candidates.size() > limit;
        }
        JsonObject envelope = new JsonObject();
        envelope.addProperty("object", "list");
        JsonArray data = new JsonArray();
        page.forEach(s -> data.add(s.json().deepCopy()));
        envelope.add("data", data);
        envelope.addProperty("has_more", hasMore);
        envelope.addProperty("url", url);
        return new CannedResponse(200, Map.of(), FakeStripe.toJson(envelope));
    }

    private static CannedResponse missing(String id, String param) {
        return error(404, "invalid_request_error", "resource_missing", param, "No such object: '" + id + "'");
    }

    static Predicate<FakeEntry> createdFilter(Map<String, List<String>> params) {
        Predicate<FakeEntry> filter = stored -> true;
        Optional<String> exact = first(params, "created");
        if (exact.isPresent()) {
            long value = Long.parseLong(exact.get());
            filter = filter.and(s -> s.created() == value);
        }
        for (String op : List.of("gt", "gte", "lt", "lte")) {
            Optional<String> bound = first(params, "created[" + op + "]");
            if (bound.isPresent()) {
                long value = Long.parseLong(bound.get());
                filter = filter.and(s -> switch (op) {
                    case "gt" -> s.created() > value;
                    case "gte" -> s.created() >= value;
                    case "lt" -> s.created() < value;
                    default -> s.created() <= value;
                });
            }
        }
        return filter;
    }

    static Optional<String> first(Map<String, List<String>> params, String key) {
        List<String> values = params.get(key);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Decodes keys and values, so both literal and percent-encoded brackets work. */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    static CannedResponse error(int status, String type, String code, String param, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("type", type);
        if (code != null) {
            error.addProperty("code", code);
        }
        if (param != null) {
            error.addProperty("param", param);
        }
        error.addProperty("message", message);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return new CannedResponse(status, Map.of(), FakeStripe.toJson(body));
    }
}

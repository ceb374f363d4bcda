package dev.tributary.connector.rest;

import dev.tributary.connector.http.JsonCodec;
import dev.tributary.connector.http.SinceFilter;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.PermanentException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One run of {@link RestConnector#fetchEntity}: requests a resource's pages, hands their records over in batches of
 * at most {@link FetchOptions#batchSize()} with the resume state after each (the paginator's position, plus the
 * parent's position for a child resource), and stops after the last page. A page whose records repeat an earlier
 * page's (a server ignoring the paginator's parameter) fails the run instead of looping forever. Not thread-safe.
 */
final class ResourceFetch {

    private static final JsonCodec JSON = new JsonCodec();

    private final RestConfig config;
    private final Resource resource;
    private final RestClient client;
    private final FetchOptions options;
    private final Optional<SinceFilter> filter;
    private long delivered;

    ResourceFetch(RestConfig config, Resource resource, RestClient client, FetchOptions options) {
        this.config = config;
        this.resource = resource;
        this.client = client;
        this.options = options;
        this.filter = options.since().flatMap(since -> resource.incremental()
                .map(inc -> new SinceFilter(inc.cursorField(), since)));
    }

    void run() {
        Map<String, Object> state = options.resumeState().filter(text -> !text.isBlank()).map(this::readState)
                .orElse(Map.of());
        if (resource.parent().isEmpty()) {
            Position start = state.containsKey("position") ? position(resource, state.get("position"))
                    : resource.paginator().start();
            walk(resource, resource.path(), start, Map.of(), true, (pageRecords, next) -> {
                deliver(pageRecords.records(), pageRecords.from(), pageRecords.position(), next,
                        position -> Map.of("position", position.toMap()));
                return true;
            });
            return;
        }
        Resource parent = config.resource(resource.parent().get()).orElseThrow();
        Position parentStart = state.containsKey("parent") ? position(parent, state.get("parent"))
                : parent.paginator().start();
        Position[] childStart = {state.get("child") == null ? resource.paginator().start()
                : position(resource, state.get("child"))};
        walk(parent, parent.path(), parentStart, Map.of(), false, (parents, parentNext) -> {
            for (int i = parents.from(); i < parents.records().size(); i++) {
                Map<String, Object> parentRecord = parents.records().get(i);
                Position here = parents.position().afterRecords(i);
                Position after = i + 1 == parents.records().size() && parentNext.isPresent() ? parentNext.get()
                        : parents.position().afterRecords(i + 1);
                Map<String, Object> added = new LinkedHashMap<>();
                for (String field : resource.placeholders()) {
                    added.put(resource.parentField(field), parentRecord.get(field));
                }
                walk(resource, resource.expand(parentRecord), childStart[0], added, true, (children, next) -> {
                    deliver(children.records(), children.from(), children.position(), next, position -> {
                        Map<String, Object> s = new LinkedHashMap<>();
                        s.put("parent", here.toMap());
                        s.put("child", position.toMap());
                        return s;
                    }, () -> Map.of("parent", after.toMap()));
                    return true;
                });
                childStart[0] = resource.paginator().start();
            }
            return true;
        });
    }

    /** The records of one page from {@code from} on, at {@code position}. */
    private record PageRecords(List<Map<String, Object>> records, int from, Position position) {
    }

    private interface PageHandler {
        boolean handle(PageRecords page, Optional<Position> next);
    }

    private void walk(Resource target, String path, Position start, Map<String, Object> added, boolean incremental,
            PageHandler handler) {
        Position position = start;
        Map<Long, Integer> seen = new HashMap<>();
        while (true) {
            options.throwIfCancelled();
            Optional<String> url = target.paginator().url(position);
            Map<String, Object> params = new LinkedHashMap<>(target.paginator().params(position));
            if (incremental && url.isEmpty()) {
                target.incremental().ifPresent(inc -> inc.param().ifPresent(name -> options.since()
                        .ifPresent(since -> params.put(name, inc.format(since)))));
            }
            Page page = client.request(target, url.orElse(path), params, url.isPresent());
            Optional<Position> next = target.paginator().next(position, page);
            if (next.isPresent() && !page.records().isEmpty()) {
                long digest = digest(page.records());
                Integer earlier = seen.putIfAbsent(digest, seen.size() + 1);
                if (earlier != null) {
                    throw new PermanentException("resource '" + target.name() + "': page " + (seen.size() + 1)
                            + " holds exactly the records of page " + earlier + " (" + page.url().encodedPath()
                            + "); the server seems to ignore the " + target.paginator().type() + " paginator's "
                            + "parameter, so the sync stops instead of looping; check the paginator settings");
                }
            }
            List<Map<String, Object>> records = page.records();
            if (!added.isEmpty()) {
                records = new ArrayList<>(records.size());
                for (Map<String, Object> record : page.records()) {
                    Map<String, Object> copy = new LinkedHashMap<>(record);
                    copy.putAll(added);
                    records.add(copy);
                }
            }
            handler.handle(new PageRecords(records, Math.min(position.skip(), records.size()), position), next);
            if (next.isEmpty()) {
                return;
            }
            position = next.get();
        }
    }

    private void deliver(List<Map<String, Object>> records, int from, Position position, Optional<Position> next,
            Function<Position, Map<String, Object>> state) {
        deliver(records, from, position, next, state, null);
    }

    private void deliver(List<Map<String, Object>> records, int from, Position position, Optional<Position> next,
            Function<Position, Map<String, Object>> state, java.util.function.Supplier<Map<String, Object>> done) {
        if (from >= records.size()) {
            Map<String, Object> after = next.map(state).orElseGet(() -> done != null ? done.get()
                    : state.apply(position.afterRecords(records.size())));
            options.onBatch(List.of(), JSON.write(after));
            return;
        }
        for (int start = from; start < records.size(); start += options.batchSize()) {
            int end = Math.min(records.size(), start + options.batchSize());
            List<Map<String, Object>> batch = new ArrayList<>(end - start);
            for (Map<String, Object> record : records.subList(start, end)) {
                for (String key : resource.primaryKey()) {
                    if (record.get(key) == null) {
                        throw new PermanentException("resource '" + resource.name() + "': a record has no value "
                                + "for primary-key field '" + key + "'; check primary_key");
                    }
                }
                if (filter.isEmpty() || filter.get().keeps(record)) {
                    batch.add(record);
                }
            }
            Map<String, Object> after = end < records.size() ? state.apply(position.afterRecords(end))
                    : next.map(state).orElseGet(() -> done != null ? done.get()
                            : state.apply(position.afterRecords(end)));
            options.onBatch(batch, JSON.write(after));
            delivered += batch.size();
            options.onProgress(delivered);
        }
    }

    private Map<String, Object> readState(String text) {
        try {
            return JSON.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw badState(e.getMessage());
        }
    }

    private Position position(Resource target, Object value) {
        try {
            return Position.fromMap(value, target.paginator().type());
        } catch (IllegalArgumentException e) {
            throw badState(e.getMessage());
        }
    }

    private PermanentException badState(String why) {
        return new PermanentException("cannot resume resource '" + resource.name() + "' from its saved state: " + why
                + "; run a full refresh of this entity to start over");
    }

    /**
     * A 64-bit fingerprint of a page's records from their deep hash codes, mixed per record: equal pages give equal
     * fingerprints; two different pages of one resource collide with a chance of about pages^2 / 2^65. Far cheaper
     * than serialising and hashing each page, which cost the connector a fifth of its throughput.
     */
    private static long digest(List<Map<String, Object>> records) {
        long hash = records.size();
        for (Map<String, Object> record : records) {
            hash = (hash ^ record.hashCode()) * 0x9E3779B97F4A7C15L;
            hash ^= hash >>> 29;
        }
        return hash;
    }
}

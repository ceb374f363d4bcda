package dev.tributary.connector.graphql;

import dev.tributary.connector.http.SinceFilter;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.PermanentException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One run of {@link GraphqlConnector#fetchEntity}: requests the query's pages one after the other, hands each page's
 * records to the runtime in batches of at most {@link FetchOptions#batchSize()}, each with the resume state after it,
 * and stops when the {@link Paging} says the last page was read.
 *
 * <p>Resume states point either at the next page or, within a page split into several batches, at the page plus the
 * number of items already handed over; so resuming from any state gives exactly the remaining records. Not
 * thread-safe; one instance per fetch.
 */
final class EntityFetch {

    private final QuerySpec spec;
    private final GraphqlClient client;
    private final FetchOptions options;
    private final Paging paging;
    private final Optional<SinceFilter> filter;
    private long fetched;
    private OptionalLong total = OptionalLong.empty();
    private boolean warnedUnreadable;

    EntityFetch(QuerySpec spec, GraphqlClient client, FetchOptions options) {
        this.spec = spec;
        this.client = client;
        this.options = options;
        this.paging = Paging.of(spec);
        this.filter = spec.sinceVariable().isPresent() ? Optional.empty()
                : options.since().flatMap(since -> spec.cursorField().map(field -> new SinceFilter(field, since)));
    }

    /** Fetches every remaining page. */
    void run() {
        PagePosition position = options.resumeState().filter(state -> !state.isBlank())
                .map(state -> PagePosition.fromState(state, spec))
                .orElseGet(() -> PagePosition.start(spec.pagination(),
                        spec.batchSize().orElse(options.batchSize())));
        while (true) {
            options.throwIfCancelled();
            Map<String, Object> data = client.execute(spec.name(), spec.query(), variables(position),
                    spec.operationName());
            List<Map<String, Object>> records = records(data);
            if (total.isEmpty()) {
                // Progress only: a missing or null total must not fail the sync (offset paging checks it itself).
                total = spec.totalCountPath().flatMap(path -> path.resolve(data))
                        .filter(Number.class::isInstance).map(value -> OptionalLong.of(((Number) value).longValue()))
                        .orElse(OptionalLong.empty());
            }
            Optional<PagePosition> next = paging.next(position, data, records.size());
            deliver(records, position, next);
            if (next.isEmpty()) {
                return;
            }
            position = next.get();
        }
    }

    private Map<String, Object> variables(PagePosition position) {
        // Fixed variables may hold JSON nulls, so a LinkedHashMap rather than Map.copyOf.
        Map<String, Object> variables = new LinkedHashMap<>(spec.variables());
        variables.putAll(paging.variables(position));
        spec.sinceVariable().ifPresent(name -> options.since().ifPresent(since -> variables.put(name,
                since.toString())));
        return variables;
    }

    private List<Map<String, Object>> records(Map<String, Object> data) {
        Object list = spec.dataPath().resolve(data).orElseThrow(() -> new PermanentException("query '"
                + spec.name() + "': dataPath '" + spec.dataPath() + "' is missing or null in the response; check "
                + "dataPath"));
        if (!(list instanceof List<?> items)) {
            throw new PermanentException("query '" + spec.name() + "': dataPath '" + spec.dataPath()
                    + "' does not point at a list in the response; check dataPath");
        }
        List<Map<String, Object>> records = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            Object node = spec.nodePath().isEmpty() ? item : spec.nodePath().get().resolve(item).orElse(null);
            if (!(node instanceof Map<?, ?> map)) {
                throw new PermanentException("query '" + spec.name() + "': element " + i + " of dataPath '"
                        + spec.dataPath() + "'" + spec.nodePath().map(path -> " at nodePath '" + path + "'").orElse("")
                        + " is " + (node == null ? "missing or null" : "not an object") + "; check "
                        + (spec.nodePath().isPresent() ? "nodePath" : "dataPath and nodePath"));
            }
            Map<String, Object> record = new LinkedHashMap<>();
            map.forEach((key, value) -> record.put(String.valueOf(key), value));
            for (String key : spec.primaryKey()) {
                if (record.get(key) == null) {
                    throw new PermanentException("query '" + spec.name() + "': a record has no value for "
                            + "primary-key field '" + key + "'; select it in the query or set primaryKey");
                }
            }
            records.add(record);
        }
        return records;
    }

    private void deliver(List<Map<String, Object>> items, PagePosition position, Optional<PagePosition> next) {
        int start = Math.min(position.skip(), items.size());
        if (start == items.size()) {
            options.onBatch(List.of(), next.orElse(position.afterItems(items.size())).toState());
            return;
        }
        for (int from = start; from < items.size(); from += options.batchSize()) {
            int to = Math.min(items.size(), from + options.batchSize());
            List<Map<String, Object>> batch = new ArrayList<>(to - from);
            for (Map<String, Object> record : items.subList(from, to)) {
                if (filter.isEmpty() || filter.get().keeps(record)) {
                    batch.add(record);
                }
                warnIfUnreadable(record);
            }
            PagePosition after = to == items.size() ? next.orElse(position.afterItems(to)) : position.afterItems(to);
            options.onBatch(batch, after.toState());
            fetched += batch.size();
            if (total.isPresent()) {
                options.onProgress(fetched, total.getAsLong());
            } else {
                options.onProgress(fetched);
            }
        }
    }

    private void warnIfUnreadable(Map<String, Object> record) {
        if (!warnedUnreadable && filter.isPresent() && filter.get().unreadable(record)) {
            warnedUnreadable = true;
            options.logger().log(Level.WARNING, "query ''{0}'': a record''s cursorField ''{1}'' is missing or not "
                    + "an ISO-8601 / epoch-seconds timestamp; such records are kept", spec.name(),
                    spec.cursorField().orElse(""));
        }
    }
}

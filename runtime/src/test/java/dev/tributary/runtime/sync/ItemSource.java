package dev.tributary.runtime.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data behind the test connectors: records keyed by integer id with an {@code updated} cursor (epoch seconds),
 * and ids the source reports deleted. Thread-safe.
 */
final class ItemSource {

    private final TreeMap<Integer, Map<String, Object>> items = new TreeMap<>();
    private final List<Integer> deleted = new ArrayList<>();

    /** A source with items 1..count, item i updated at second 1000 + i. */
    static ItemSource of(int count) {
        ItemSource source = new ItemSource();
        for (int i = 1; i <= count; i++) {
            source.put(i, 1000 + i, "item " + i);
        }
        return source;
    }

    synchronized void put(int id, long updated, String name) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("updated", updated);
        record.put("name", name);
        record.put("note", null);
        items.put(id, record);
    }

    /** Stores a record of any shape; its {@code id} and {@code updated} must be integers. */
    synchronized void putRecord(Map<String, Object> record) {
        items.put(((Number) record.get("id")).intValue(), new LinkedHashMap<>(record));
    }

    synchronized void remove(int id) {
        items.remove(id);
    }

    synchronized void delete(int id) {
        items.remove(id);
        deleted.add(id);
    }

    /** Records with id after {@code afterId} and {@code updated} at or after {@code since}, by id, at most limit. */
    synchronized List<Map<String, Object>> page(int afterId, long since, int limit) {
        List<Map<String, Object>> page = new ArrayList<>();
        for (Map<String, Object> record : items.tailMap(afterId, false).values()) {
            if (((Number) record.get("updated")).longValue() >= since) {
                page.add(new LinkedHashMap<>(record));
                if (page.size() == limit) {
                    break;
                }
            }
        }
        return page;
    }

    synchronized List<Integer> deletedIds() {
        return List.copyOf(deleted);
    }

    synchronized Map<Integer, Map<String, Object>> snapshot() {
        return new TreeMap<>(items);
    }
}

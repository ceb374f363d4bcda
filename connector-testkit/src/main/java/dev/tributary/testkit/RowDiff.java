package dev.tributary.testkit;

import dev.tributary.spi.destination.EntityTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the rows of a table with the records it should hold, by primary key, and says how they differ in terms a
 * destination author can act on: keys missing, keys stored twice (no upsert), keys that should not be there, and
 * rows whose {@code _record} is not the latest record of their key.
 */
final class RowDiff {

    private static final int SHOWN = 5;

    private RowDiff() {
    }

    /** Why {@code rows} do not hold exactly {@code expected}, one row per key; empty when they do. */
    static Optional<String> describe(List<StoredRow> rows, EntityTable table, List<Map<String, Object>> expected) {
        Map<List<String>, Map<String, Object>> wanted = new LinkedHashMap<>();
        for (Map<String, Object> record : expected) {
            wanted.put(keyOf(record, table), record);
        }
        Map<List<String>, StoredRow> byKey = new LinkedHashMap<>();
        Set<List<String>> twice = new LinkedHashSet<>();
        for (StoredRow row : rows) {
            if (byKey.put(row.key(), row) != null) {
                twice.add(row.key());
            }
        }
        List<String> problems = new ArrayList<>();
        List<List<String>> missing = wanted.keySet().stream().filter(key -> !byKey.containsKey(key)).toList();
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " missing: " + shown(missing));
        }
        if (!twice.isEmpty()) {
            problems.add(twice.size() + " key(s) stored in more than one row (upsert on the primary key): "
                    + shown(List.copyOf(twice)));
        }
        List<List<String>> unexpected = byKey.keySet().stream().filter(key -> !wanted.containsKey(key)).toList();
        if (!unexpected.isEmpty()) {
            problems.add(unexpected.size() + " unexpected: " + shown(unexpected));
        }
        List<String> changed = new ArrayList<>();
        wanted.forEach((key, record) -> {
            StoredRow row = byKey.get(key);
            if (row != null && !row.record().equals(record)) {
                changed.add(key + " holds " + row.record() + " instead of " + record);
            }
        });
        if (!changed.isEmpty()) {
            problems.add(changed.size() + " with another _record: " + shown(changed));
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        String found = rows.size() <= SHOWN * 2 ? "found " + rows : "found " + rows.size() + " rows";
        return Optional.of(String.join("; ", problems) + " (" + found + ")");
    }

    /** The primary-key values of {@code record} as text, as the rows' keys are read. */
    static List<String> keyOf(Map<String, Object> record, EntityTable table) {
        return table.primaryKey().stream().map(field -> String.valueOf(record.get(field))).toList();
    }

    private static String shown(List<?> items) {
        List<?> first = items.subList(0, Math.min(SHOWN, items.size()));
        String listed = first.stream().map(Object::toString).reduce((a, b) -> a + ", " + b).orElse("");
        return items.size() > SHOWN ? listed + ", ..." : listed;
    }
}

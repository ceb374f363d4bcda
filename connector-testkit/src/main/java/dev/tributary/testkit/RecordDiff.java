package dev.tributary.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares the records of two fetches by primary key and says, in terms an author can act on, how they differ:
 * records missing (a gap), records delivered twice or already delivered before a resume point (duplicates), or the
 * same keys with other contents or in another order.
 */
final class RecordDiff {

    private static final int SHOWN = 5;

    private RecordDiff() {
    }

    /** The primary-key value(s) of {@code record}, one list element per key field. */
    static List<Object> keyOf(Map<String, Object> record, List<String> primaryKey) {
        List<Object> key = new ArrayList<>(primaryKey.size());
        for (String field : primaryKey) {
            key.add(record.get(field));
        }
        return key;
    }

    /**
     * Why {@code actual} is not exactly {@code expected}; empty when they are equal.
     *
     * @param before the records delivered before the point {@code actual} started from, to tell a duplicate from a
     *     stray record; empty for a run from the start
     */
    static Optional<String> describe(List<Map<String, Object>> expected, List<Map<String, Object>> actual,
            List<Map<String, Object>> before, List<String> primaryKey) {
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        List<List<Object>> expectedKeys = keys(expected, primaryKey);
        List<List<Object>> actualKeys = keys(actual, primaryKey);
        Set<List<Object>> beforeKeys = new HashSet<>(keys(before, primaryKey));
        Set<List<Object>> actualSet = new HashSet<>(actualKeys);
        Set<List<Object>> expectedSet = new HashSet<>(expectedKeys);

        List<String> problems = new ArrayList<>();
        List<List<Object>> missing = expectedKeys.stream().filter(k -> !actualSet.contains(k)).toList();
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " missing (a gap): " + shown(missing));
        }
        Map<List<Object>, Integer> counts = new HashMap<>();
        actualKeys.forEach(k -> counts.merge(k, 1, Integer::sum));
        Set<List<Object>> repeated = new LinkedHashSet<>();
        actualKeys.stream().filter(k -> counts.get(k) > 1 || beforeKeys.contains(k) && !expectedSet.contains(k))
                .forEach(repeated::add);
        if (!repeated.isEmpty()) {
            problems.add(repeated.size() + " duplicated (delivered twice, or already before the resume point): "
                    + shown(List.copyOf(repeated)));
        }
        List<List<Object>> stray = actualKeys.stream()
                .filter(k -> !expectedSet.contains(k) && !beforeKeys.contains(k)).distinct().toList();
        if (!stray.isEmpty()) {
            problems.add(stray.size() + " unexpected (not in the full run): " + shown(stray));
        }
        if (problems.isEmpty()) {
            problems.add(firstDifference(expected, actual, expectedKeys, actualKeys));
        }
        return Optional.of("expected " + expected.size() + " records, got " + actual.size() + "; "
                + String.join("; ", problems));
    }

    private static String firstDifference(List<Map<String, Object>> expected, List<Map<String, Object>> actual,
            List<List<Object>> expectedKeys, List<List<Object>> actualKeys) {
        if (!expectedKeys.equals(actualKeys)) {
            return "the same keys in another order (first expected " + shown(expectedKeys) + ", got "
                    + shown(actualKeys) + "); fetch in a stable order";
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                Map<String, Object> want = expected.get(i);
                Map<String, Object> got = actual.get(i);
                Set<String> fields = new LinkedHashSet<>(want.keySet());
                fields.addAll(got.keySet());
                List<String> differing = fields.stream()
                        .filter(f -> !(want.containsKey(f) == got.containsKey(f) && Objects.equals(
                                want.get(f), got.get(f))))
                        .toList();
                return "record " + expectedKeys.get(i) + " differs in field(s) " + differing;
            }
        }
        return "the records differ";
    }

    private static List<List<Object>> keys(List<Map<String, Object>> records, List<String> primaryKey) {
        return records.stream().map(r -> keyOf(r, primaryKey)).toList();
    }

    private static String shown(List<List<Object>> keys) {
        String listed = keys.stream().limit(SHOWN).map(RecordDiff::render).collect(Collectors.joining(", "));
        return keys.size() > SHOWN ? listed + ", ... (" + (keys.size() - SHOWN) + " more)" : listed;
    }

    private static String render(List<Object> key) {
        return key.size() == 1 ? String.valueOf(key.get(0)) : key.toString();
    }
}

package dev.tributary.runtime.typing;

import dev.tributary.destination.support.KeyText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps the last record of each key, so a typed batch holds one row per key. */
public final class LastPerKey {

    private LastPerKey() {
    }

    /** The records with one per key, the last given, in the order of those last records. */
    public static List<Map<String, Object>> of(List<Map<String, Object>> records, List<String> primaryKey,
            String entity) {
        Map<List<String>, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Map<String, Object> record : records) {
            List<String> key = new ArrayList<>(primaryKey.size());
            for (String field : primaryKey) {
                key.add(KeyText.of(record, field, entity));
            }
            byKey.remove(key);
            byKey.put(key, record);
        }
        return byKey.size() == records.size() ? records : List.copyOf(byKey.values());
    }

    /** The flat records with one per key, the last given, in the order of those last records. */
    public static List<FlatRecord> ofFlat(List<FlatRecord> records) {
        Map<List<String>, FlatRecord> byKey = new LinkedHashMap<>((int) (records.size() / 0.75f) + 1);
        for (FlatRecord record : records) {
            byKey.remove(record.key());
            byKey.put(record.key(), record);
        }
        return byKey.size() == records.size() ? records : List.copyOf(byKey.values());
    }
}

package dev.tributary.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of an entity table as the destination contract sees it, made from what the author's row reader returned.
 *
 * @param key the primary-key values as text, in the order of the entity's primary-key fields
 * @param record the stored {@code _record}, parsed
 * @param syncedAt {@code _synced_at}
 * @param dataSource {@code _data_source}
 * @param deletedAt {@code _deleted_at}, absent while the row is live
 */
record StoredRow(List<String> key, Map<String, Object> record, Instant syncedAt, String dataSource,
        Optional<Instant> deletedAt) {

    @Override
    public String toString() {
        return key + " " + record + deletedAt.map(at -> " deleted at " + at).orElse("");
    }
}

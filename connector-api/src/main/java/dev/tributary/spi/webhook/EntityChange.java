package dev.tributary.spi.webhook;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one webhook event changes in one entity's table: records to upsert and keys to mark deleted, in the shape a
 * sync's {@link dev.tributary.spi.Batch} carries (JSON-compatible maps, {@code null} is data).
 *
 * @param entity the entity name, one of the connector's entities
 * @param records records to insert or update on the entity's primary key; may be empty
 * @param deletedKeys maps holding at least the primary-key field(s) of records the source deleted; may be empty
 * @since 1.1
 */
public record EntityChange(String entity, List<Map<String, Object>> records, List<Map<String, Object>> deletedKeys) {

    public EntityChange {
        Objects.requireNonNull(entity, "entity");
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        deletedKeys = List.copyOf(Objects.requireNonNull(deletedKeys, "deletedKeys"));
        if (records.isEmpty() && deletedKeys.isEmpty()) {
            throw new IllegalArgumentException("a change to entity '" + entity
                    + "' needs at least one record or deleted key; ignore the event instead");
        }
    }

    /** One record upserted. */
    public static EntityChange upsert(String entity, Map<String, Object> record) {
        return new EntityChange(entity, List.of(record), List.of());
    }

    /** One record deleted, by its key fields. */
    public static EntityChange deletion(String entity, Map<String, Object> key) {
        return new EntityChange(entity, List.of(), List.of(key));
    }
}

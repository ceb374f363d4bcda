package dev.tributary.spi.destination;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One transaction's worth of work for {@link EntityWriter#write(WriteBatch)}: records to upsert, keys to mark
 * deleted, and the entity's state after them.
 *
 * <p>A batch may hold the same key twice (sources that page while records change do that); the destination keeps
 * the last record. Deletions apply after the records of the same batch.
 *
 * @param records records to upsert on the primary key; JSON-compatible maps where {@code null} is data
 * @param deletedKeys maps holding at least the primary-key field(s) of rows to mark deleted
 * @param state the state to commit with the rows
 * @param syncedAt the time written into {@code _synced_at} (and {@code _deleted_at} for deletions)
 * @param typed the typed form of the records, present when the destination declares
 *     {@link DestinationMetadata#typedTables()}; absent for destinations built against SPI 1.0, which store the
 *     records as JSON
 * @since 1.0
 */
public record WriteBatch(
        List<Map<String, Object>> records, List<Map<String, Object>> deletedKeys, SyncState state,
        Instant syncedAt, Optional<TypedWrite> typed) {

    public WriteBatch {
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        deletedKeys = List.copyOf(Objects.requireNonNull(deletedKeys, "deletedKeys"));
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(syncedAt, "syncedAt");
        Objects.requireNonNull(typed, "typed");
    }

    /** A batch without a typed form: the constructor of SPI 1.0, kept so plugins built against it still link. */
    public WriteBatch(List<Map<String, Object>> records, List<Map<String, Object>> deletedKeys, SyncState state,
            Instant syncedAt) {
        this(records, deletedKeys, state, syncedAt, Optional.empty());
    }
}

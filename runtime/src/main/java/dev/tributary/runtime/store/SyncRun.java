package dev.tributary.runtime.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One sync of a data source, as recorded in the store.
 *
 * @param id a UUID
 * @param sourceId the data source's id (the source may since have been removed)
 * @param sourceName the data source's name at the time
 * @param trigger what started it
 * @param startedAt when it started
 * @param endedAt when it ended; absent while {@link RunStatus#RUNNING}
 * @param status where it stands
 * @param error why the run as a whole failed; absent when it did not
 * @param entities per entity and target database, in the order recorded
 */
public record SyncRun(
        String id,
        String sourceId,
        String sourceName,
        RunTrigger trigger,
        Instant startedAt,
        Optional<Instant> endedAt,
        RunStatus status,
        Optional<String> error,
        List<EntityRunResult> entities) {

    public SyncRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
        entities = List.copyOf(Objects.requireNonNull(entities, "entities"));
    }

    /** Records written over all entities and targets. */
    public long records() {
        return entities.stream().mapToLong(EntityRunResult::records).sum();
    }
}

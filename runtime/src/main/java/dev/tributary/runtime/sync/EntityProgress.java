package dev.tributary.runtime.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of one entity's progress, as delivered to {@link SyncListener#onProgress(EntityProgress)}.
 *
 * @param entity the entity name
 * @param status where it stands
 * @param records records committed so far in this run
 * @param deletions deletions committed so far in this run
 * @param total the number of records the run will fetch, when the source tells it
 * @param elapsed time since the entity started
 * @param recordsPerSecond the committed rate so far
 * @param eta the estimated time left, when the total is known and records are flowing
 * @param detail what the entity is waiting for (a retry, a rate-limit pause) or its error; may be empty
 * @param discarded records the data source's {@code schema_contract discard_row} left out so far in this run; not
 *     counted in {@code records}
 */
public record EntityProgress(
        String entity, EntityStatus status, long records, long deletions, OptionalLong total, Duration elapsed,
        double recordsPerSecond, Optional<Duration> eta, String detail, long discarded) {

    /** A snapshot with nothing discarded. */
    public EntityProgress(String entity, EntityStatus status, long records, long deletions, OptionalLong total,
            Duration elapsed, double recordsPerSecond, Optional<Duration> eta, String detail) {
        this(entity, status, records, deletions, total, elapsed, recordsPerSecond, eta, detail, 0);
    }

    public EntityProgress {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(eta, "eta");
        Objects.requireNonNull(detail, "detail");
    }
}

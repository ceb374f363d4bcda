package dev.tributary.runtime.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one entity's sync ended.
 *
 * @param entity the entity name
 * @param status {@link EntityStatus#DONE}, {@link EntityStatus#FAILED} or {@link EntityStatus#CANCELLED}
 * @param records records committed in this run: written, not counting {@code discarded}
 * @param deletions deletions committed in this run
 * @param duration how long the entity took
 * @param error what went wrong, absent when done
 * @param discarded records the data source's {@code schema_contract discard_row} left out in this run
 */
public record EntityResult(
        String entity, EntityStatus status, long records, long deletions, Duration duration,
        Optional<String> error, long discarded) {

    /** A result with nothing discarded. */
    public EntityResult(String entity, EntityStatus status, long records, long deletions, Duration duration,
            Optional<String> error) {
        this(entity, status, records, deletions, duration, error, 0);
    }

    public EntityResult {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
        if (records < 0 || deletions < 0 || discarded < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("an entity result needs a terminal status, was " + status);
        }
    }

    /** Committed records per second over the whole duration. */
    public double recordsPerSecond() {
        double seconds = duration.toNanos() / 1e9;
        return seconds <= 0 ? 0 : records / seconds;
    }

    /** Whether the entity finished. */
    public boolean succeeded() {
        return status == EntityStatus.DONE;
    }
}

package dev.tributary.runtime.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one entity's sync ended.
 *
 * @param entity the entity name
 * @param status {@link EntityStatus#DONE}, {@link EntityStatus#FAILED} or {@link EntityStatus#CANCELLED}
 * @param records records committed in this run
 * @param deletions deletions committed in this run
 * @param duration how long the entity took
 * @param error what went wrong, absent when done
 */
public record EntityResult(
        String entity, EntityStatus status, long records, long deletions, Duration duration,
        Optional<String> error) {

    public EntityResult {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
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

package dev.tributary.runtime.sync;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a sync ended: one {@link EntityResult} per requested entity, in request order.
 *
 * @param entities the per-entity results
 * @param duration how long the whole sync took
 */
public record SyncResult(List<EntityResult> entities, Duration duration) {

    public SyncResult {
        entities = List.copyOf(Objects.requireNonNull(entities, "entities"));
        Objects.requireNonNull(duration, "duration");
    }

    /** Whether every entity finished. */
    public boolean succeeded() {
        return entities.stream().allMatch(EntityResult::succeeded);
    }

    /** Whether the sync was cancelled (some entity stopped by cancellation). */
    public boolean cancelled() {
        return entities.stream().anyMatch(e -> e.status() == EntityStatus.CANCELLED);
    }

    /** The result of one entity. */
    public EntityResult entity(String name) {
        return entities.stream().filter(e -> e.entity().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no entity '" + name + "' in this result"));
    }
}

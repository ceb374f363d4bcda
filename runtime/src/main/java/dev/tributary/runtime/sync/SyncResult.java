package dev.tributary.runtime.sync;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a sync ended: one {@link EntityResult} per requested entity, in request order.
 *
 * @param entities the per-entity results
 * @param duration how long the whole sync took
 * @param budget the request budget the sync ran under and whether it held requests back; empty when the limiter
 *     was not the runtime's token bucket
 */
public record SyncResult(List<EntityResult> entities, Duration duration, Optional<BudgetUse> budget) {

    public SyncResult {
        entities = List.copyOf(Objects.requireNonNull(entities, "entities"));
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(budget, "budget");
    }

    /** A result without budget information. */
    public SyncResult(List<EntityResult> entities, Duration duration) {
        this(entities, duration, Optional.empty());
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

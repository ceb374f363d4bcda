package dev.tributary.runtime.sync;

/**
 * Receives a sync's live events: progress snapshots (after every commit, state change and pause) and the end of each
 * entity. For embedders and the CLI's progress display.
 *
 * <p>Called from the engine's threads, possibly concurrently for different entities; implementations must be
 * thread-safe, quick, and must not throw.
 */
public interface SyncListener {

    /** A listener that ignores everything. */
    SyncListener NONE = new SyncListener() { };

    /**
     * An entity's progress changed.
     *
     * @implSpec The default does nothing.
     */
    default void onProgress(EntityProgress progress) {
    }

    /**
     * An entity ended.
     *
     * @implSpec The default does nothing.
     */
    default void onEntityFinished(EntityResult result) {
    }

    /**
     * The data source's request budget: once when the sync starts and again whenever a server-stated allowance
     * changes it.
     *
     * @param description the rate and where it comes from, e.g.
     *     {@code "20 req/s (connector: Stripe test mode allows 25 read requests/s)"}
     * @implSpec The default does nothing.
     */
    default void onBudget(String description) {
    }
}

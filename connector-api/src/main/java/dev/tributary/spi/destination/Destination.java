package dev.tributary.spi.destination;

import java.util.Optional;

/**
 * A database (or warehouse) that receives synced records: one table per entity, plus the sync state of each entity
 * in the same database, so that rows and state commit together.
 *
 * <p>Implementations are thread-safe: the engine syncs several entities at once, each through its own
 * {@link EntityWriter}. Opening a destination checks that it is reachable.
 *
 * @since 1.0
 */
public interface Destination extends AutoCloseable {

    /**
     * A description of where data goes, safe to print: no password or token.
     */
    String describe();

    /**
     * Reads the stored state of an entity.
     *
     * @return the state, absent when the entity was never synced into this destination
     * @throws DestinationException when the destination cannot be read
     */
    Optional<SyncState> readState(EntityTable table);

    /**
     * Prepares the tables for a run that starts (or resumes) with {@code state} and returns its writer. For
     * {@link SyncMode#FULL_REFRESH} a run that has committed nothing yet gets a fresh, empty staging table; a
     * resumed one keeps writing into its staging table.
     *
     * @throws DestinationException when the tables cannot be created
     */
    EntityWriter openWriter(EntityTable table, SyncState state);

    /** Releases every resource. Must not throw. */
    @Override
    void close();
}

package dev.tributary.spi.destination;

import java.util.Optional;

/**
 * Writes one run of one entity, opened by {@link Destination#openWriter(EntityTable, SyncState)}. Holds one
 * database connection (or equivalent) for its lifetime.
 *
 * <p>Used by one thread at a time. Every method either commits all of its effect or none of it.
 *
 * @since 1.0
 */
public interface EntityWriter extends AutoCloseable {

    /**
     * Upserts the records, marks the deleted keys and stores the state, in one transaction.
     *
     * @throws DestinationException when the transaction failed; nothing of it is committed
     */
    void write(WriteBatch batch);

    /**
     * Ends the run in one transaction: for {@link SyncMode#FULL_REFRESH}, replaces the live table with the staging
     * table; then stores {@code state} (which is {@link SyncState#finished() finished}).
     *
     * @throws DestinationException when the transaction failed; the run stays resumable
     */
    void finish(SyncState state);

    /**
     * The typed layout of the tables this writer writes (the live tables, or the staging tables of a full refresh,
     * which start with the live tables' columns), as of the last commit; the runtime reads it once when the writer
     * opens and then tracks the changes it sends.
     *
     * @implSpec The default returns empty, as for destinations without typed tables; a typed destination returns
     *     the layout of the table it prepared, with no data columns when it is new.
     * @since 1.1
     */
    default Optional<EntityLayout> layout() {
        return Optional.empty();
    }

    /** Releases the connection without committing anything pending. Must not throw. */
    @Override
    void close();
}

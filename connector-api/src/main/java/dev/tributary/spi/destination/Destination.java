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

    /**
     * Whether this destination writes typed tables from {@link WriteBatch#typed()}; the runtime computes typed
     * writes only when it does.
     *
     * @implSpec The default returns false, as for destinations built against SPI 1.0.
     * @since 1.1
     */
    default boolean typedTables() {
        return false;
    }

    /**
     * The longest table or column name this destination accepts, in UTF-8 bytes; the runtime normalises names to
     * fit (PostgreSQL: 63).
     *
     * @implSpec The default returns 63, which every common SQL database accepts.
     * @since 1.1
     */
    default int maxIdentifierLength() {
        return 63;
    }

    /**
     * How many records this destination prefers to commit per transaction. When it is above zero, the runtime may
     * merge batches that are already fetched and waiting into one {@link WriteBatch} of at most this many records
     * (a single larger batch stays whole): their records in order, the state of the last, committed together. A
     * batch with deletions or ending a complete listing ends a merged batch. The runtime never waits for batches to
     * merge, and lets the fetcher queue about this many records ahead of the writer. For destinations whose cost is
     * mostly per transaction (columnar databases such as DuckDB).
     *
     * @implSpec The default returns 0: every batch is its own transaction, as for destinations built against SPI
     *     1.0.
     * @since 1.1
     */
    default int preferredRecordsPerTransaction() {
        return 0;
    }

    /**
     * Reads the typed layout of an entity's live tables, for people and tools (the API shows it next to the entity's
     * schema).
     *
     * @implSpec The default returns empty, as for destinations without typed tables.
     * @return the layout, absent when the entity's table does not exist or is not typed
     * @throws DestinationException when the destination cannot be read
     * @since 1.1
     */
    default Optional<EntityLayout> readLayout(EntityTable table) {
        return Optional.empty();
    }

    /**
     * Applies one source event (a webhook delivery) in one transaction: records the event id under the prefix and,
     * unless it was recorded before, upserts the records and marks the deleted keys of each table change, creating
     * tables that do not exist yet. A record is left out when its row's last applied change is later than the
     * event, or when the row was deleted by an event (a deletion is final); the destination keeps that per-row event
     * time itself. Applying the same event twice, or concurrently from several threads or processes, changes the
     * tables once. The sync state is not touched.
     *
     * @implSpec The default throws {@link UnsupportedOperationException}: destinations built against SPI 1.0 do not
     *     apply events, and the runtime answers such deliveries with a server error so the source retries.
     * @return what was applied; {@link EventApplied#duplicate()} when the event id was applied before
     * @throws DestinationException when the transaction failed; nothing of it is committed
     * @throws UnsupportedOperationException when this destination does not apply events
     * @since 1.1
     */
    default EventApplied applyEvent(EventWrite event) {
        throw new UnsupportedOperationException("destination " + describe() + " does not apply webhook events");
    }

    /** Releases every resource. Must not throw. */
    @Override
    void close();
}

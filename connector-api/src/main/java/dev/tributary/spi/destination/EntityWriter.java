package dev.tributary.spi.destination;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

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
     * Like {@link #write(WriteBatch)}, and in the same transaction, after the batch's records and deletions, marks
     * deleted every live row not deleted yet whose {@code _synced_at} is before {@code listingStartedAt}: the batch
     * ends a complete listing of the entity, so those rows are gone from the source. Compare times as times (a row
     * written after the listing began is never marked).
     *
     * @implSpec The default calls {@link #write(WriteBatch)} and marks nothing, returning empty, as for destinations
     *     built against SPI 1.0; the runtime then logs that deletions could not be completed.
     * @return the number of rows newly marked deleted, or empty when this destination does not mark them
     * @throws DestinationException when the transaction failed; nothing of it is committed
     * @since 1.1
     */
    default OptionalLong writeEndingListing(WriteBatch batch, Instant listingStartedAt) {
        write(batch);
        return OptionalLong.empty();
    }

    /**
     * Like {@link #write(WriteBatch)}, in one transaction, except for the state stored: upserts the records, marks the
     * deleted keys, then reads the state stored for the table while holding a lock that keeps every other writer of
     * the same table's state (another writer, destination instance or process) out until the commit, and stores
     * {@code merge.apply(stored, batch.state())}, {@code stored} being what it read (empty when no state is stored).
     * Several writers of one table, such as the Kafka Connect sink tasks of the partitions of one topic, each add
     * their part of the state this way without losing another's: a writer that wants the lock waits until the holder
     * commits or rolls back, and then reads what it committed.
     *
     * <p>{@code merge} runs inside the transaction, under the lock: it must be quick, free of side effects and not
     * return null; it may be called again when the destination retries the transaction.
     *
     * @implSpec The default throws {@link UnsupportedOperationException} and writes nothing, as for destinations
     *     built against SPI 1.0; a caller then reads the state with {@link Destination#readState} and stores the
     *     merged state with {@link #write(WriteBatch)}, which is only safe with one writer per table.
     * @param merge the state to store from the stored one and the batch's
     * @throws UnsupportedOperationException when the destination does not merge states; nothing is written
     * @throws DestinationException when the transaction failed; nothing of it is committed
     * @since 1.1
     */
    default void writeMergingState(WriteBatch batch,
            BiFunction<Optional<SyncState>, SyncState, SyncState> merge) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement writeMergingState (a"
                + " destination built against Tributary SPI 1.0)");
    }

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

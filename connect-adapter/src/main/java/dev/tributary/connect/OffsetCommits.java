package dev.tributary.connect;

import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a sink write's rows with the next Kafka offset of each partition it wrote, merged into the table's stored
 * position in the write's transaction, under the lock of the state row ({@link EntityWriter#writeMergingState}):
 * several tasks writing partitions of one topic into one table never lose each other's offsets. A destination built
 * against Tributary SPI 1.0 lacks that method; for it the stored position is read before the transaction and the
 * merged one written with the rows, which is exact with one task per table (said once, in a warning).
 *
 * <p>Used by one sink task's thread.
 */
final class OffsetCommits {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommits.class);

    private final String destination;
    private final Function<EntityTable, Optional<SyncState>> storedState;
    private boolean merging = true;

    /**
     * @param destination the destination as its {@code describe()} names it
     * @param storedState reads a table's stored state, for a destination that cannot merge it
     */
    OffsetCommits(String destination, Function<EntityTable, Optional<SyncState>> storedState) {
        this.destination = destination;
        this.storedState = storedState;
    }

    /** The state a write of {@code topic} proposes: the next offset of each partition it wrote. */
    static SyncState proposed(String topic, Map<Integer, Long> next) {
        return state(PartitionOffsets.read(topic, Optional.empty()).merge(next));
    }

    /**
     * Writes {@code batch} into {@code table} of {@code topic}, storing as its position the stored offsets with every
     * partition of {@code next} (partition to next offset) taken from it; the batch's state is
     * {@link #proposed proposed(topic, next)}.
     */
    void write(EntityWriter writer, EntityTable table, String topic, WriteBatch batch, Map<Integer, Long> next) {
        BiFunction<Optional<SyncState>, SyncState, SyncState> merge = (stored, proposed) -> state(
                PartitionOffsets.read(topic, stored.flatMap(SyncState::position)).merge(next));
        if (merging) {
            try {
                writer.writeMergingState(batch, merge);
                return;
            } catch (UnsupportedOperationException e) {
                merging = false;
                LOG.warn("Tributary sink: destination {} cannot merge the stored Kafka offsets inside its write"
                        + " transaction ({}); reading them before each transaction instead. That is exact with one"
                        + " task per table; with several tasks writing one table a stored offset may lag behind,"
                        + " which only makes a new owner of the partition upsert some records again. Upgrade the"
                        + " destination plugin to Tributary SPI 1.1 for exact offsets.", destination, e.getMessage());
            }
        }
        writer.write(new WriteBatch(batch.records(), batch.deletedKeys(),
                merge.apply(storedState.apply(table), batch.state()), batch.syncedAt(), batch.typed()));
    }

    private static SyncState state(PartitionOffsets offsets) {
        return new SyncState(SyncMode.INCREMENTAL, false, Optional.of(offsets.position()), Optional.empty(),
                Optional.empty());
    }
}

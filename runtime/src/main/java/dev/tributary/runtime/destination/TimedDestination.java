package dev.tributary.runtime.destination;

import dev.tributary.runtime.sync.SyncMetrics;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.EventApplied;
import dev.tributary.spi.destination.EventWrite;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * A destination whose writers time every transaction (each batch and the finish) into {@link SyncMetrics}, labelled
 * with the destination's kind; every other call goes straight to the destination. Thread-safe as the destination is.
 */
final class TimedDestination implements Destination {

    private final Destination destination;
    private final String kind;
    private final SyncMetrics metrics;

    /**
     * @param kind the destination kind, e.g. {@code sqlite}, {@code postgresql} or a plugin's destination id
     */
    TimedDestination(Destination destination, String kind, SyncMetrics metrics) {
        this.destination = destination;
        this.kind = kind;
        this.metrics = metrics;
    }

    @Override
    public String describe() {
        return destination.describe();
    }

    @Override
    public Optional<SyncState> readState(EntityTable table) {
        return destination.readState(table);
    }

    @Override
    public EntityWriter openWriter(EntityTable table, SyncState state) {
        return new TimedWriter(destination.openWriter(table, state), table);
    }

    @Override
    public boolean typedTables() {
        return destination.typedTables();
    }

    @Override
    public int preferredRecordsPerTransaction() {
        return destination.preferredRecordsPerTransaction();
    }

    @Override
    public int maxIdentifierLength() {
        return destination.maxIdentifierLength();
    }

    @Override
    public Optional<EntityLayout> readLayout(EntityTable table) {
        return destination.readLayout(table);
    }

    @Override
    public EventApplied applyEvent(EventWrite event) {
        long started = System.nanoTime();
        EventApplied applied = destination.applyEvent(event);
        EntityTable first = event.changes().get(0).table();
        metrics.committed(first.dataSource(), first.entity(), kind, "event",
                Duration.ofNanos(System.nanoTime() - started));
        return applied;
    }

    @Override
    public void close() {
        destination.close();
    }

    /** Times the transactions of one entity's writer. */
    private final class TimedWriter implements EntityWriter {
        private final EntityWriter writer;
        private final EntityTable table;

        TimedWriter(EntityWriter writer, EntityTable table) {
            this.writer = writer;
            this.table = table;
        }

        @Override
        public void write(WriteBatch batch) {
            long started = System.nanoTime();
            writer.write(batch);
            record("batch", started);
        }

        @Override
        public OptionalLong writeEndingListing(WriteBatch batch, Instant listingStartedAt) {
            long started = System.nanoTime();
            OptionalLong marked = writer.writeEndingListing(batch, listingStartedAt);
            record("batch", started);
            return marked;
        }

        @Override
        public void writeMergingState(WriteBatch batch,
                BiFunction<Optional<SyncState>, SyncState, SyncState> merge) {
            long started = System.nanoTime();
            writer.writeMergingState(batch, merge);
            record("batch", started);
        }

        @Override
        public void finish(SyncState state) {
            long started = System.nanoTime();
            writer.finish(state);
            record("finish", started);
        }

        @Override
        public Optional<EntityLayout> layout() {
            return writer.layout();
        }

        @Override
        public void close() {
            writer.close();
        }

        private void record(String operation, long started) {
            metrics.committed(table.dataSource(), table.entity(), kind, operation,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }
}

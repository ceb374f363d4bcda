package dev.tributary.runtime.sync;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A real destination that asks the runtime for merged batches: delegates everything, answers
 * {@link #preferredRecordsPerTransaction()} with a given number and keeps the record count of each write. After
 * {@link #closeGate()} the next write waits (up to 30 s) until the gate it returned is counted down, so a test can
 * let batches queue up behind it ({@link #writesStarted} tells when the writer holds what it took) and know what
 * the write after it merges.
 */
final class PreferringDestination extends ForwardingDestination {

    /** Gets a permit each time a write starts, before it waits for the gate. */
    final Semaphore writesStarted = new Semaphore(0);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    /** The number of records of each write, in order. */
    final List<Integer> writeSizes = new CopyOnWriteArrayList<>();
    private final int recordsPerTransaction;

    PreferringDestination(Destination destination, int recordsPerTransaction) {
        super(destination);
        this.recordsPerTransaction = recordsPerTransaction;
    }

    /** Makes the next write wait until the returned gate is counted down; forgets the writes started so far. */
    CountDownLatch closeGate() {
        writesStarted.drainPermits();
        gate = new CountDownLatch(1);
        return gate;
    }

    @Override
    public int preferredRecordsPerTransaction() {
        return recordsPerTransaction;
    }

    @Override
    public EntityWriter openWriter(EntityTable table, SyncState state) {
        return new ForwardingEntityWriter(destination.openWriter(table, state)) {
            @Override
            public void write(WriteBatch batch) {
                awaitGate();
                writer.write(batch);
                writeSizes.add(batch.records().size());
            }

            @Override
            public OptionalLong writeEndingListing(WriteBatch batch, Instant listingStartedAt) {
                awaitGate();
                OptionalLong marked = writer.writeEndingListing(batch, listingStartedAt);
                writeSizes.add(batch.records().size());
                return marked;
            }
        };
    }

    private void awaitGate() {
        writesStarted.release();
        try {
            CountDownLatch current = gate;
            if (!current.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not open the gate within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

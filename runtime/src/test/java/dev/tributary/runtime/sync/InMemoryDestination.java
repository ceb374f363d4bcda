package dev.tributary.runtime.sync;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.util.List;
import java.util.Map;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written {@link Destination} keeping states and writes in memory. Each write first takes a permit from
 * {@link #permits}, so a test controls how fast the writer goes. Thread-safe.
 */
final class InMemoryDestination implements Destination {

    final Semaphore permits = new Semaphore(Integer.MAX_VALUE);
    final List<WriteBatch> writes = new CopyOnWriteArrayList<>();
    /** Gets a permit each time a write starts, before it waits for one of {@link #permits}. */
    final Semaphore writesStarted = new Semaphore(0);
    /** How many more writes succeed; the one after fails with nothing stored. */
    final AtomicInteger writesBeforeFailure = new AtomicInteger(Integer.MAX_VALUE);
    private final Map<String, SyncState> states = new ConcurrentHashMap<>();
    private final Map<String, EntityLayout> layouts = new ConcurrentHashMap<>();
    private final boolean typed;
    private final int recordsPerTransaction;

    InMemoryDestination() {
        this(false);
    }

    /**
     * @param typed whether it declares typed tables (its writers then start from the layout of the entity's last
     *     typed write, or a keys-only layout)
     */
    InMemoryDestination(boolean typed) {
        this(typed, 0);
    }

    /**
     * @param typed whether it declares typed tables
     * @param recordsPerTransaction what {@link #preferredRecordsPerTransaction()} answers
     */
    InMemoryDestination(boolean typed, int recordsPerTransaction) {
        this.typed = typed;
        this.recordsPerTransaction = recordsPerTransaction;
    }

    @Override
    public int preferredRecordsPerTransaction() {
        return recordsPerTransaction;
    }

    @Override
    public boolean typedTables() {
        return typed;
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public Optional<SyncState> readState(EntityTable table) {
        return Optional.ofNullable(states.get(table.entity()));
    }

    @Override
    public EntityWriter openWriter(EntityTable table, SyncState state) {
        return new EntityWriter() {
            @Override
            public Optional<EntityLayout> layout() {
                if (!typed) {
                    return Optional.empty();
                }
                return Optional.of(layouts.getOrDefault(table.entity(), EntityLayout.keysOnly(table.prefix() + "_"
                        + table.entity(), table.primaryKey().stream()
                        .map(k -> new Column(k, ColumnType.STRING, k, "")).toList())));
            }

            @Override
            public void write(WriteBatch batch) {
                writesStarted.release();
                try {
                    if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("no write permit within 30 s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                if (writesBeforeFailure.getAndDecrement() <= 0) {
                    throw new DestinationException("write refused by the test");
                }
                writes.add(batch);
                states.put(table.entity(), batch.state());
                batch.typed().ifPresent(typedWrite -> layouts.put(table.entity(), typedWrite.layout()));
            }

            @Override
            public void finish(SyncState finished) {
                states.put(table.entity(), finished);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
    }
}

package dev.tributary.runtime.sync;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.EventApplied;
import dev.tributary.spi.destination.EventWrite;
import dev.tributary.spi.destination.SyncState;
import java.util.Optional;

/**
 * A destination that passes every call on to another; tests extend it to watch or hold one call and keep the rest
 * of the real destination's behaviour (with {@link ForwardingEntityWriter} for its writers).
 */
abstract class ForwardingDestination implements Destination {

    protected final Destination destination;

    ForwardingDestination(Destination destination) {
        this.destination = destination;
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
        return destination.openWriter(table, state);
    }

    @Override
    public boolean typedTables() {
        return destination.typedTables();
    }

    @Override
    public int maxIdentifierLength() {
        return destination.maxIdentifierLength();
    }

    @Override
    public int preferredRecordsPerTransaction() {
        return destination.preferredRecordsPerTransaction();
    }

    @Override
    public Optional<EntityLayout> readLayout(EntityTable table) {
        return destination.readLayout(table);
    }

    @Override
    public EventApplied applyEvent(EventWrite event) {
        return destination.applyEvent(event);
    }

    @Override
    public void close() {
        destination.close();
    }
}

package dev.tributary.runtime.sync;

import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** An entity writer that passes every call on to another; the writer side of {@link ForwardingDestination}. */
class ForwardingEntityWriter implements EntityWriter {

    protected final EntityWriter writer;

    ForwardingEntityWriter(EntityWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(WriteBatch batch) {
        writer.write(batch);
    }

    @Override
    public OptionalLong writeEndingListing(WriteBatch batch, Instant listingStartedAt) {
        return writer.writeEndingListing(batch, listingStartedAt);
    }

    @Override
    public void finish(SyncState finished) {
        writer.finish(finished);
    }

    @Override
    public Optional<EntityLayout> layout() {
        return writer.layout();
    }

    @Override
    public void close() {
        writer.close();
    }
}

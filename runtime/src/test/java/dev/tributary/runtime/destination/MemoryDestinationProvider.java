package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationMetadata;
import dev.tributary.spi.destination.DestinationProvider;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A third-party style destination provider for {@code memory:} URLs, registered in this module's test resources,
 * proving a destination can be plugged in through the SPI alone. Its destination stores nothing.
 */
public final class MemoryDestinationProvider implements DestinationProvider {

    /** Public no-arg constructor for the service loader. */
    public MemoryDestinationProvider() {
    }

    /** The thread context class loader seen by the last call to {@link #accepts} or {@link #open}. */
    static volatile ClassLoader lastContextLoader;

    @Override
    public boolean accepts(String url) {
        lastContextLoader = Thread.currentThread().getContextClassLoader();
        return url.startsWith("memory:");
    }

    @Override
    public DestinationMetadata metadata() {
        return new DestinationMetadata("memory", "In memory (test)", List.of("memory:name"), false);
    }

    @Override
    public Destination open(String url, UnaryOperator<String> environment) {
        lastContextLoader = Thread.currentThread().getContextClassLoader();
        return new Destination() {
            @Override
            public String describe() {
                return url;
            }

            @Override
            public Optional<SyncState> readState(EntityTable table) {
                return Optional.empty();
            }

            @Override
            public EntityWriter openWriter(EntityTable table, SyncState state) {
                throw new UnsupportedOperationException("the memory test destination does not write");
            }

            @Override
            public int preferredRecordsPerTransaction() {
                return 1_234;
            }

            @Override
            public void close() {
            }
        };
    }
}

package dev.tributary.runtime.plugin;

import dev.tributary.runtime.plugin.isolation.LoaderSwap;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.DestinationMetadata;
import dev.tributary.spi.destination.DestinationProvider;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.EventApplied;
import dev.tributary.spi.destination.EventWrite;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.util.Objects;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A destination provider running in its plugin's class loader: the provider, the destinations it opens and their
 * entity writers are wrapped so that the thread context class loader is the plugin's around every call (JDBC drivers
 * and other {@link java.util.ServiceLoader} users inside the plugin need it). A {@link LinkageError} from plugin code
 * becomes a {@link DestinationException} naming the plugin. Thread-safety is that of the wrapped objects.
 */
final class IsolatedDestinationProvider implements DestinationProvider {

    private final DestinationProvider delegate;
    private final ClassLoader loader;
    private final PluginLocation plugin;

    IsolatedDestinationProvider(DestinationProvider delegate, ClassLoader loader, PluginLocation plugin) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.plugin = Objects.requireNonNull(plugin, "plugin");
    }

    @Override
    public boolean accepts(String url) {
        return call(() -> delegate.accepts(url));
    }

    @Override
    public Destination open(String url, UnaryOperator<String> environment) {
        return new IsolatedDestination(call(() -> delegate.open(url, environment)));
    }

    @Override
    public DestinationMetadata metadata() {
        return call(delegate::metadata);
    }

    private <T> T call(Supplier<T> work) {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            return work.get();
        } catch (LinkageError e) {
            throw new DestinationException("destination plugin " + plugin + " is broken: " + missing(e)
                    + "; bundle the missing library in the plugin folder", e);
        }
    }

    private static String missing(LinkageError error) {
        if (error instanceof NoClassDefFoundError && error.getMessage() != null
                && !error.getMessage().startsWith("Could not initialize")) {
            return "class " + error.getMessage().replace('/', '.') + " is in none of its jars";
        }
        return ConnectorLoader.describe(error);
    }

    private void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** A destination of the plugin, every call in the plugin's class loader. */
    private final class IsolatedDestination implements Destination {
        private final Destination destination;

        IsolatedDestination(Destination destination) {
            this.destination = Objects.requireNonNull(destination, "the plugin's open() returned null");
        }

        @Override
        public String describe() {
            return call(destination::describe);
        }

        @Override
        public Optional<SyncState> readState(EntityTable table) {
            return call(() -> destination.readState(table));
        }

        @Override
        public EntityWriter openWriter(EntityTable table, SyncState state) {
            return new IsolatedWriter(call(() -> destination.openWriter(table, state)));
        }

        @Override
        public boolean typedTables() {
            return call(destination::typedTables);
        }

        @Override
        public int preferredRecordsPerTransaction() {
            return call(destination::preferredRecordsPerTransaction);
        }

        @Override
        public int maxIdentifierLength() {
            return call(destination::maxIdentifierLength);
        }

        @Override
        public Optional<EntityLayout> readLayout(EntityTable table) {
            return call(() -> destination.readLayout(table));
        }

        @Override
        public EventApplied applyEvent(EventWrite event) {
            return call(() -> destination.applyEvent(event));
        }

        @Override
        public void close() {
            run(destination::close);
        }
    }

    /** An entity writer of the plugin, every call in the plugin's class loader. */
    private final class IsolatedWriter implements EntityWriter {
        private final EntityWriter writer;

        IsolatedWriter(EntityWriter writer) {
            this.writer = Objects.requireNonNull(writer, "the plugin's openWriter() returned null");
        }

        @Override
        public void write(WriteBatch batch) {
            run(() -> writer.write(batch));
        }

        @Override
        public OptionalLong writeEndingListing(WriteBatch batch, Instant listingStartedAt) {
            return call(() -> writer.writeEndingListing(batch, listingStartedAt));
        }

        @Override
        public void writeMergingState(WriteBatch batch,
                BiFunction<Optional<SyncState>, SyncState, SyncState> merge) {
            run(() -> writer.writeMergingState(batch, merge));
        }

        @Override
        public void finish(SyncState state) {
            run(() -> writer.finish(state));
        }

        @Override
        public Optional<EntityLayout> layout() {
            return call(writer::layout);
        }

        @Override
        public void close() {
            run(writer::close);
        }
    }
}

package dev.tributary.runtime.sync;

import dev.tributary.runtime.destination.DestinationUrl;
import dev.tributary.runtime.destination.JdbcDestination;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The process {@link SchemaEvolutionCrashTest} kills: syncs entity {@code items} of
 * {@link SchemaEvolutionCrashTest#evolvingSource()} into the destination URL given as first argument and, at the
 * kill point given as second argument, stops inside the open transaction and prints {@code in transaction}.
 *
 * <p>Kill points: {@code adding} — the batch whose schema changes add column {@code color} (with the other new
 * columns and the child table), after its ALTER TABLEs, history rows, upserts and child rows, right before the
 * state row and the commit; {@code finishing} — the run's last transaction, after a full refresh's swaps, right
 * before its state row and the commit. The stop is the destination clock's call for the state row's time, which
 * {@code JdbcEntityWriter} makes last before committing.
 */
final class SchemaEvolutionCrashChild {

    private SchemaEvolutionCrashChild() {
    }

    public static void main(String[] arguments) {
        String url = arguments[0];
        String killPoint = arguments[1];
        Settings settings = SchemaEvolutionCrashTest.settings();
        StoppingClock clock = new StoppingClock();
        SyncEngine engine = new SyncEngine();
        TokenBucket limiter = engine.rateLimiter(settings);
        ItemsConnector connector = new ItemsConnector(SchemaEvolutionCrashTest.evolvingSource(), ItemSource.of(0));
        connector.initialize(new SyncConnectorContext(Config.of(Map.of(), ConfigSchema.EMPTY), settings, "src",
                limiter));
        try (JdbcDestination destination = JdbcDestination.open(
                DestinationUrl.parse(url, Optional.empty(), System::getenv), clock)) {
            SyncResult result = engine.sync(connector, new Stopping(destination, killPoint, clock.armed),
                    new SyncRequest("src", "src", List.of("items"), false, settings), limiter, SyncListener.NONE,
                    new CancelHandle());
            System.out.println("finished " + result.succeeded() + " " + result.entity("items").error().orElse(""));
        }
    }

    /** The system clock, which once armed stops the calling thread for good, telling the test first. */
    private static final class StoppingClock extends Clock {
        final AtomicBoolean armed = new AtomicBoolean();

        @Override
        public Instant instant() {
            if (armed.get()) {
                System.out.println("in transaction");
                System.out.flush();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting to be killed", e);
                }
            }
            return Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a test clock in UTC only");
        }
    }

    /** The destination, whose writer arms the clock when it reaches the kill point. */
    private static final class Stopping extends ForwardingDestination {
        private final String killPoint;
        private final AtomicBoolean armed;

        Stopping(Destination destination, String killPoint, AtomicBoolean armed) {
            super(destination);
            this.killPoint = killPoint;
            this.armed = armed;
        }

        @Override
        public EntityWriter openWriter(EntityTable table, SyncState state) {
            return new ForwardingEntityWriter(destination.openWriter(table, state)) {
                @Override
                public void write(WriteBatch batch) {
                    armIfAdding(batch);
                    writer.write(batch);
                }

                @Override
                public OptionalLong writeEndingListing(WriteBatch batch, Instant listingStartedAt) {
                    armIfAdding(batch);
                    return writer.writeEndingListing(batch, listingStartedAt);
                }

                @Override
                public void finish(SyncState finished) {
                    if (killPoint.equals("finishing")) {
                        armed.set(true);
                    }
                    writer.finish(finished);
                }
            };
        }

        private void armIfAdding(WriteBatch batch) {
            if (killPoint.equals("adding") && addsColor(batch)) {
                armed.set(true);
            }
        }

        private static boolean addsColor(WriteBatch batch) {
            return batch.typed().stream().flatMap(typed -> typed.changes().stream())
                    .anyMatch(change -> change.column().filter(c -> c.name().equals("color")).isPresent());
        }
    }
}

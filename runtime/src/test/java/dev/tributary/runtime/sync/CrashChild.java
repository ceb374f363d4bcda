package dev.tributary.runtime.sync;

import dev.tributary.runtime.destination.DestinationUrl;
import dev.tributary.runtime.destination.JdbcDestination;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.destination.Destination;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link CrashResumeTest} kills: syncs entity {@code items} of {@link CrashResumeTest#source(int)} into
 * the destination URL given as first argument, printing {@code committed <n>} after every commit. With a third
 * argument N above 0 the destination asks for merged batches of up to N records, and its first write waits until
 * the queue behind it is full, so the second commit is a merged one of N records.
 */
final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] arguments) {
        String url = arguments[0];
        int generation = Integer.parseInt(arguments[1]);
        int recordsPerTransaction = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 0;
        Settings settings = Settings.DEFAULTS.withBatchSize(5).withRequestsPerSecond(1_000_000).withBurst(1000);
        SyncEngine engine = new SyncEngine();
        TokenBucket limiter = engine.rateLimiter(settings);
        ItemsConnector connector = new ItemsConnector(CrashResumeTest.source(generation), ItemSource.of(0));
        connector.initialize(new SyncConnectorContext(Config.of(Map.of(), ConfigSchema.EMPTY), settings, "src",
                limiter));
        Destination jdbc = JdbcDestination.open(DestinationUrl.parse(url, Optional.empty(), System::getenv),
                Clock.systemUTC());
        if (recordsPerTransaction > 0) {
            PreferringDestination preferring = new PreferringDestination(jdbc, recordsPerTransaction);
            CountDownLatch gate = preferring.closeGate();
            int queueFull = EntitySync.queueCapacity(recordsPerTransaction, settings.batchSize()) + 1;
            connector.beforePage(page -> {
                if (page == queueFull) {
                    gate.countDown();
                }
            });
            jdbc = preferring;
        }
        try (Destination destination = jdbc) {
            SyncResult result = engine.sync(connector, destination,
                    new SyncRequest("src", "src", List.of("items"), false, settings), limiter, new SyncListener() {
                        @Override
                        public void onProgress(EntityProgress progress) {
                            if (progress.status() == EntityStatus.RUNNING && progress.records() > 0) {
                                System.out.println("committed " + progress.records());
                                System.out.flush();
                            }
                        }
                    }, new CancelHandle());
            System.out.println("finished " + result.succeeded());
        }
    }
}

package dev.tributary.runtime.sync;

import dev.tributary.runtime.destination.DestinationUrl;
import dev.tributary.runtime.destination.JdbcDestination;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process {@link CrashResumeTest} kills: syncs entity {@code items} of {@link CrashResumeTest#source(int)} into
 * the destination URL given as first argument, printing {@code committed <n>} after every commit.
 */
final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] arguments) {
        String url = arguments[0];
        int generation = Integer.parseInt(arguments[1]);
        Settings settings = Settings.DEFAULTS.withBatchSize(5).withRequestsPerSecond(1_000_000).withBurst(1000);
        SyncEngine engine = new SyncEngine();
        TokenBucket limiter = engine.rateLimiter(settings);
        ItemsConnector connector = new ItemsConnector(CrashResumeTest.source(generation), ItemSource.of(0));
        connector.initialize(new SyncConnectorContext(Config.of(Map.of(), ConfigSchema.EMPTY), settings, "src",
                limiter));
        try (JdbcDestination destination = JdbcDestination.open(
                DestinationUrl.parse(url, Optional.empty(), System::getenv), Clock.systemUTC())) {
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

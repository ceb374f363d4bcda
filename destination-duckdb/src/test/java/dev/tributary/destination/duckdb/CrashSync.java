package dev.tributary.destination.duckdb;

import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.SyncConnectorContext;
import dev.tributary.runtime.sync.SyncEngine;
import dev.tributary.runtime.sync.SyncListener;
import dev.tributary.runtime.sync.SyncRequest;
import dev.tributary.runtime.sync.SyncResult;
import dev.tributary.runtime.sync.TokenBucket;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.destination.Destination;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sync of entity {@code items} ({@link CrashItems}, or another source of it) into a DuckDB file with the runtime's
 * engine, 5 records per page.
 */
final class CrashSync {

    static final Settings SETTINGS = Settings.DEFAULTS.withBatchSize(5).withRequestsPerSecond(1_000_000)
            .withBurst(1000);

    private CrashSync() {
    }

    /** Syncs {@code connector} into {@code file}, telling {@code listener} the progress. */
    static SyncResult run(BaseConnector connector, Path file, SyncListener listener) {
        SyncEngine engine = new SyncEngine();
        TokenBucket limiter = engine.rateLimiter(SETTINGS);
        connector.initialize(new SyncConnectorContext(Config.of(Map.of(), ConfigSchema.EMPTY), SETTINGS, "src",
                limiter));
        try (Destination destination = new DuckDbDestinationProvider().open("jdbc:duckdb:" + file, name -> null)) {
            return engine.sync(connector, destination, new SyncRequest("src", "src", List.of("items"), false,
                    SETTINGS), limiter, listener, new CancelHandle());
        }
    }
}

package dev.tributary.bench;

import dev.tributary.runtime.destination.DestinationResolver;
import dev.tributary.runtime.destination.DestinationUrl;
import dev.tributary.runtime.destination.JdbcDestination;
import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.SyncConnectorContext;
import dev.tributary.runtime.sync.SyncEngine;
import dev.tributary.runtime.sync.SyncListener;
import dev.tributary.runtime.sync.SyncRequest;
import dev.tributary.runtime.sync.SyncResult;
import dev.tributary.runtime.sync.TokenBucket;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures, in one run: fetch+parse alone, insert alone and end-to-end sync, into SQLite, DuckDB (the
 * destination-duckdb provider, found on the class path) and PostgreSQL; the peak heap; and the request rate achieved
 * against a server limiting to 25 requests/second. Prints a Markdown table.
 *
 * <p>Arguments: {@code --records N} (default 1,000,000), {@code --no-postgres}, {@code --no-duckdb},
 * {@code --no-duckdb-small-batches} (skips DuckDB's insert alone at 100 records per batch: one transaction per 100
 * records takes minutes for 1,000,000).
 */
public final class SyncBenchmark {

    private static final int PAGE = 100;
    private static final String FETCH = "fetch + parse alone/-";
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long records;
    private final List<String> rows = new ArrayList<>();
    /** Records per second by stage and destination ({@code stage/destination}), in the order measured. */
    private final Map<String, Double> ratesPerSecond = new LinkedHashMap<>();
    /** CPU seconds of this process (every thread, JIT and GC included) by stage and destination. */
    private final Map<String, Double> cpuSecondsByStage = new LinkedHashMap<>();

    private SyncBenchmark(long records) {
        this.records = records;
    }

    /** Runs the benchmarks. */
    public static void main(String[] arguments) throws Exception {
        long records = 1_000_000;
        boolean postgres = true;
        boolean duckdb = true;
        boolean smallBatches = true;
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i].equals("--records")) {
                records = Long.parseLong(arguments[++i]);
            } else if (arguments[i].equals("--no-postgres")) {
                postgres = false;
            } else if (arguments[i].equals("--no-duckdb")) {
                duckdb = false;
            } else if (arguments[i].equals("--no-duckdb-small-batches")) {
                smallBatches = false;
            }
        }
        HeapSampler heap = HeapSampler.start();
        new SyncBenchmark(records).run(postgres, duckdb, smallBatches);
        System.out.printf("%npeak heap used: %d MB of %d MB max%n", heap.peakBytes() / (1 << 20),
                Runtime.getRuntime().maxMemory() / (1 << 20));
    }

    private void run(boolean postgres, boolean duckdb, boolean smallBatches) throws Exception {
        Path directory = Files.createTempDirectory("tributary-bench");
        try (RecordServer server = new RecordServer(records, 0)) {
            measure("fetch + parse alone", "-", () -> fetchOnly(server));
            String sqlite = "jdbc:sqlite:" + directory.resolve("bench.db");
            measure("insert alone", "SQLite", () -> insertOnly(sqlite, PAGE));
            measure("end-to-end sync", "SQLite", () -> endToEnd(server, sqlite));
            if (duckdb) {
                if (smallBatches) {
                    String insertFile = "jdbc:duckdb:" + directory.resolve("insert.duckdb");
                    measure("insert alone", "DuckDB", () -> insertOnly(insertFile, PAGE));
                }
                // Each batch commits its rows with its state; DuckDB's cost is mostly per transaction.
                String largeBatches = "jdbc:duckdb:" + directory.resolve("insert-1000.duckdb");
                measure("insert alone, 1,000 per batch", "DuckDB", () -> insertOnly(largeBatches, 1_000));
                // What the runtime merges waiting batches up to for DuckDB (preferredRecordsPerTransaction).
                String merged = "jdbc:duckdb:" + directory.resolve("insert-4000.duckdb");
                measure("insert alone, 4,000 per batch", "DuckDB", () -> insertOnly(merged, 4_000));
                String sqliteLarge = "jdbc:sqlite:" + directory.resolve("insert-1000.db");
                measure("insert alone, 1,000 per batch", "SQLite", () -> insertOnly(sqliteLarge, 1_000));
                String syncFile = "jdbc:duckdb:" + directory.resolve("e2e.duckdb");
                measure("end-to-end sync", "DuckDB", () -> endToEnd(server, syncFile));
            }
            if (postgres) {
                try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
                    String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres";
                    measure("insert alone", "PostgreSQL", () -> insertOnly(url, PAGE));
                    measure("end-to-end sync", "PostgreSQL", () -> endToEnd(server, url));
                }
            }
        }
        System.out.printf("%n%d records of ~1 KB, %d per page and per batch unless the stage says otherwise%n%n",
                records, PAGE);
        System.out.println("| stage | destination | seconds | records/s | CPU s | cores busy |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        ratesPerSecond.forEach((key, rate) -> {
            if (key.startsWith("end-to-end sync/")) {
                System.out.printf("end-to-end %s / fetch ceiling: %.2f (at most %.2f on %d cores for the CPU time"
                        + " this sync used)%n", key.substring(16), rate / ratesPerSecond.get(FETCH), cpuBound(key),
                        Runtime.getRuntime().availableProcessors());
            }
        });
        rateLimit(directory);
    }

    private interface Stage {
        long run() throws Exception;
    }

    private void measure(String stage, String destination, Stage body) throws Exception {
        long cpuStart = PROCESS.getProcessCpuTime();
        long start = System.nanoTime();
        long count = body.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (PROCESS.getProcessCpuTime() - cpuStart) / 1e9;
        if (count != records) {
            throw new IllegalStateException(stage + " into " + destination + " handled " + count + " records, expected "
                    + records);
        }
        rows.add(String.format("| %s | %s | %.1f | %,.0f | %.1f | %.2f |", stage, destination, seconds,
                count / seconds, cpuSeconds, cpuSeconds / seconds));
        ratesPerSecond.put(stage + "/" + destination, count / seconds);
        cpuSecondsByStage.put(stage + "/" + destination, cpuSeconds);
        System.err.printf("%s (%s): %.1f s, %.1f CPU s%n", stage, destination, seconds, cpuSeconds);
    }

    /**
     * The best end-to-end / fetch-ceiling ratio this machine's cores allow for the CPU time a sync used: even with
     * every core busy all along, it cannot take less than its CPU seconds over the cores. Only meaningful for
     * in-process destinations (SQLite, DuckDB): a PostgreSQL server's CPU is not counted.
     */
    private double cpuBound(String syncStage) {
        double fetchSeconds = records / ratesPerSecond.get(FETCH);
        double leastSeconds = cpuSecondsByStage.get(syncStage) / Runtime.getRuntime().availableProcessors();
        return fetchSeconds / Math.max(fetchSeconds, leastSeconds);
    }

    private static Settings settings() {
        return Settings.DEFAULTS.withBatchSize(PAGE).withRequestsPerSecond(1_000_000).withBurst(1_000_000);
    }

    private static BenchConnector connector(RecordServer server, SyncEngine engine, TokenBucket limiter) {
        BenchConnector connector = new BenchConnector(server.uri());
        connector.initialize(new SyncConnectorContext(Config.of(Map.of(), ConfigSchema.EMPTY), settings(), "bench",
                limiter));
        return connector;
    }

    private long fetchOnly(RecordServer server) {
        SyncEngine engine = new SyncEngine();
        TokenBucket limiter = engine.rateLimiter(settings());
        AtomicLong count = new AtomicLong();
        connector(server, engine, limiter).fetchEntity(FetchOptions.builder("customers").batchSize(PAGE)
                .rateLimiter(limiter).onBatch(batch -> count.addAndGet(batch.records().size())).build());
        return count.get();
    }

    /** Opens {@code jdbc:sqlite:} and {@code jdbc:postgresql:} built in, {@code jdbc:duckdb:} with its provider. */
    private static Destination open(String url) {
        return new DestinationResolver(SyncBenchmark.class.getClassLoader(), System::getenv).open(url,
                Optional.empty());
    }

    private long insertOnly(String url, int perBatch) {
        try (Destination destination = open(url)) {
            EntityTable table = new EntityTable("insert", "customers", List.of("id"), "bench");
            SyncState state = SyncState.started(SyncMode.FULL_REFRESH, Optional.empty(), Optional.empty());
            try (EntityWriter writer = destination.openWriter(table, state)) {
                for (long first = 1; first <= records; first += perBatch) {
                    List<Map<String, Object>> batch = new ArrayList<>(perBatch);
                    for (long id = first; id < first + perBatch && id <= records; id++) {
                        batch.add(SampleRecords.record(id));
                    }
                    state = state.advancedTo(String.valueOf(first + perBatch - 1), Optional.empty());
                    writer.write(new WriteBatch(batch, List.of(), state, Instant.now()));
                }
                writer.finish(state.asFinished());
            }
        }
        return records;
    }

    private long endToEnd(RecordServer server, String url) {
        SyncEngine engine = new SyncEngine();
        TokenBucket limiter = engine.rateLimiter(settings());
        try (Destination destination = open(url)) {
            SyncResult result = engine.sync(connector(server, engine, limiter), destination,
                    new SyncRequest("bench", "e2e", List.of(), false, settings()), limiter, SyncListener.NONE,
                    new CancelHandle());
            if (!result.succeeded()) {
                throw new IllegalStateException("sync failed: " + result);
            }
            return result.entity("customers").records();
        }
    }

    private void rateLimit(Path directory) throws Exception {
        int pages = 100;
        Settings limited = Settings.DEFAULTS.withBatchSize(PAGE).withRequestsPerSecond(25).withBurst(1);
        try (RecordServer server = new RecordServer((long) pages * PAGE, 25)) {
            SyncEngine engine = new SyncEngine();
            TokenBucket limiter = engine.rateLimiter(limited);
            BenchConnector connector = new BenchConnector(server.uri());
            connector.initialize(new SyncConnectorContext(Config.of(Map.of(), ConfigSchema.EMPTY), limited, "bench",
                    limiter));
            try (JdbcDestination destination = JdbcDestination.open(DestinationUrl.parse("jdbc:sqlite:"
                    + directory.resolve("rate.db"), Optional.empty(), System::getenv), Clock.systemUTC())) {
                long start = System.nanoTime();
                SyncResult result = engine.sync(connector, destination,
                        new SyncRequest("bench", "rate", List.of(), false, limited), limiter, SyncListener.NONE,
                        new CancelHandle());
                double seconds = (System.nanoTime() - start) / 1e9;
                long failed = result.entities().stream().filter(e -> !e.succeeded()).count();
                long accepted = server.requests() - server.rejected();
                System.out.printf("%nrate limit: server allows 25 req/s; %d requests accepted in %.2f s = %.2f req/s"
                        + " (%.1f%% of 25), %d rejected with 429, %d failed entities%n", accepted, seconds,
                        accepted / seconds, accepted / seconds / 25 * 100, server.rejected(), failed);
            }
        }
    }

    /** Samples the used heap every 50 ms on a daemon thread and keeps the peak. */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            Thread thread = new Thread(() -> {
                while (true) {
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    sampler.peak.accumulateAndGet(used, Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
            return sampler;
        }

        long peakBytes() {
            return peak.get();
        }
    }
}

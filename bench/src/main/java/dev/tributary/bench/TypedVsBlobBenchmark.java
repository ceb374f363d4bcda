package dev.tributary.bench;

import dev.tributary.runtime.destination.DestinationUrl;
import dev.tributary.runtime.destination.JdbcDestination;
import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.SyncConnectorContext;
import dev.tributary.runtime.sync.SyncEngine;
import dev.tributary.runtime.sync.SyncListener;
import dev.tributary.runtime.sync.SyncRequest;
import dev.tributary.runtime.sync.SyncResult;
import dev.tributary.runtime.sync.TokenBucket;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import com.sun.management.OperatingSystemMXBean;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Typed tables against today's JSON-blob rows, side by side in one JVM on the same data: end-to-end syncs of the
 * same Stripe-like customers (nested {@code address} and {@code metadata}, no declared schema, so every column is
 * inferred) from one loopback server, into a fresh SQLite file (and a fresh PostgreSQL schema) per round, rounds
 * alternating blob, typed, blob, typed. The blob baseline is the same {@link JdbcDestination} seen through a
 * destination that does not declare typed tables, so the engine sends no typed part and the writer stores
 * {@code _record} only, exactly as for destinations built against SPI 1.0. Prints a Markdown table per round and
 * the ratio of the medians, and the CPU time this JVM spent per record (every thread, the loopback server's
 * included; not a PostgreSQL server's), which a busy machine disturbs less than the throughput.
 *
 * <p>Arguments: {@code --records N} (default 1,000,000), {@code --rounds R} (default 3), {@code --no-postgres}.
 */
public final class TypedVsBlobBenchmark {

    private static final int PAGE = 100;
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private TypedVsBlobBenchmark() {
    }

    /** Runs the comparison. */
    public static void main(String[] arguments) throws Exception {
        long records = 1_000_000;
        int rounds = 3;
        boolean postgres = true;
        for (int i = 0; i < arguments.length; i++) {
            switch (arguments[i]) {
                case "--records" -> records = Long.parseLong(arguments[++i]);
                case "--rounds" -> rounds = Integer.parseInt(arguments[++i]);
                case "--no-postgres" -> postgres = false;
                default -> throw new IllegalArgumentException("unknown argument " + arguments[i]
                        + "; use --records N, --rounds R, --no-postgres");
            }
        }
        Path directory = Files.createTempDirectory("tributary-typed-bench");
        List<String> table = new ArrayList<>();
        try (RecordServer server = new RecordServer(records, 0)) {
            long total = records;
            table.addAll(compare("SQLite", rounds, total, round -> "jdbc:sqlite:" + directory.resolve(round + ".db"),
                    server));
            if (postgres) {
                try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
                    table.addAll(compare("PostgreSQL", rounds, total, round -> "jdbc:postgresql://localhost:"
                            + pg.getPort() + "/postgres?user=postgres&schema=round_" + round, server));
                }
            }
        }
        System.out.printf("%n%,d records of ~1 KB, %d per page and per batch%n%n", records, PAGE);
        System.out.println("| destination | blob records/s (median) | typed records/s (median) | typed / blob |"
                + " rounds (blob; typed) | blob CPU µs/record | typed CPU µs/record | blob CPU / typed CPU |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        table.forEach(System.out::println);
        System.out.printf("%npeak heap used: %d MB of %d MB max%n", HeapPeak.bytes() / (1 << 20),
                Runtime.getRuntime().maxMemory() / (1 << 20));
    }

    private static List<String> compare(String name, int rounds, long records, IntFunction<String> urls,
            RecordServer server) throws SQLException {
        List<Double> blob = new ArrayList<>();
        List<Double> typed = new ArrayList<>();
        List<Double> blobCpu = new ArrayList<>();
        List<Double> typedCpu = new ArrayList<>();
        for (int round = 0; round < 2 * rounds; round++) {
            boolean typedRound = round % 2 == 1;
            String url = urls.apply(round);
            long cpuStart = PROCESS.getProcessCpuTime();
            double rate = sync(server, url, typedRound, records);
            double cpuMicros = (PROCESS.getProcessCpuTime() - cpuStart) / 1e3 / records;
            checkColumns(url, typedRound);
            (typedRound ? typed : blob).add(rate);
            (typedRound ? typedCpu : blobCpu).add(cpuMicros);
            System.err.printf("%s %s round %d: %,.0f records/s, %.1f CPU µs/record%n", name,
                    typedRound ? "typed" : "blob", round / 2 + 1, rate, cpuMicros);
        }
        double ratio = median(typed) / median(blob);
        return List.of(String.format("| %s | %,.0f | %,.0f | %.2f | %s; %s | %.1f | %.1f | %.2f |", name,
                median(blob), median(typed), ratio, rates(blob), rates(typed), median(blobCpu), median(typedCpu),
                median(blobCpu) / median(typedCpu)));
    }

    private static double sync(RecordServer server, String url, boolean typed, long records) {
        Settings settings = Settings.DEFAULTS.withBatchSize(PAGE).withRequestsPerSecond(1_000_000)
                .withBurst(1_000_000);
        SyncEngine engine = new SyncEngine();
        TokenBucket limiter = engine.rateLimiter(settings);
        BenchConnector connector = new BenchConnector(server.uri());
        connector.initialize(new SyncConnectorContext(Config.of(Map.of(), ConfigSchema.EMPTY), settings, "bench",
                limiter));
        try (JdbcDestination jdbc = JdbcDestination.open(DestinationUrl.parse(url, Optional.empty(),
                System::getenv), Clock.systemUTC())) {
            Destination destination = typed ? jdbc : new BlobOnly(jdbc);
            long start = System.nanoTime();
            SyncResult result = engine.sync(connector, destination,
                    new SyncRequest("bench", "e2e", List.of(), false, settings), limiter, SyncListener.NONE,
                    new CancelHandle());
            double seconds = (System.nanoTime() - start) / 1e9;
            long synced = result.entity("customers").records();
            if (!result.succeeded() || synced != records) {
                throw new IllegalStateException("sync into " + url + " wrote " + synced + " of " + records
                        + " records: " + result);
            }
            return synced / seconds;
        }
    }

    /** Checks that a typed round made typed columns and a blob round made none. */
    private static void checkColumns(String url, boolean typed) throws SQLException {
        String plain = url.replaceFirst("[?&]schema=.*$", "");
        String schema = url.contains("schema=") ? url.substring(url.indexOf("schema=") + 7) + "." : "";
        try (Connection connection = DriverManager.getConnection(plain);
                Statement statement = connection.createStatement();
                ResultSet columns = statement.executeQuery("SELECT * FROM " + schema + "e2e_customers LIMIT 1")) {
            boolean hasTyped = false;
            for (int i = 1; i <= columns.getMetaData().getColumnCount(); i++) {
                hasTyped |= columns.getMetaData().getColumnName(i).equals("address__city");
            }
            if (hasTyped != typed) {
                throw new IllegalStateException((typed ? "typed" : "blob") + " round into " + url + " has "
                        + (hasTyped ? "" : "no ") + "typed column address__city");
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String rates(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format("%,.0f", v)).toList());
    }

    /** The JDBC destination as a destination without typed tables sees it: blob rows only. */
    private record BlobOnly(Destination destination) implements Destination {
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
        public void close() {
            destination.close();
        }
    }

    /** The peak heap used so far, as the JVM's memory pools recorded it. */
    private static final class HeapPeak {
        private HeapPeak() {
        }

        static long bytes() {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        }
    }
}

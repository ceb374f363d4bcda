package dev.tributary.bench;

import dev.tributary.runtime.SyncJob;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.sync.BudgetUse;
import dev.tributary.runtime.sync.EntityResult;
import dev.tributary.runtime.sync.SyncListener;
import dev.tributary.runtime.sync.SyncResult;
import dev.tributary.spi.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Measures, in one run, how much of a server's allowance a sync with default settings uses: the real Close connector
 * (found on the class path, as an embedding application would) syncs four large entities into SQLite against
 * {@link AllowanceServer}s allowing 25 and 100 requests per second, starting from its declared budget (16 req/s)
 * and following the server's {@code RateLimit} header. For comparison it repeats the 100 req/s run with entity
 * concurrency 2 (the default before request budgets), and it measures SQLite with one writer against four at an
 * unlimited allowance. Prints a Markdown table.
 *
 * <p>Arguments: {@code --records N} records per entity (default 25,000), {@code --latency-ms L} per answer (default
 * 25).
 */
public final class BudgetBenchmark {

    private static final int PAGE = 100;
    private static final List<String> ENTITIES = List.of("leads", "opportunities", "activities", "contacts");
    private static final int UNLIMITED = 1_000_000;

    private final long recordsPerEntity;
    private final Duration latency;
    private final Path directory;
    private final List<String> rows = new ArrayList<>();

    private BudgetBenchmark(long recordsPerEntity, Duration latency, Path directory) {
        this.recordsPerEntity = recordsPerEntity;
        this.latency = latency;
        this.directory = directory;
    }

    /** Runs the benchmark. */
    public static void main(String[] arguments) throws Exception {
        long records = 25_000;
        long latencyMillis = 25;
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i].equals("--records")) {
                records = Long.parseLong(arguments[++i]);
            } else if (arguments[i].equals("--latency-ms")) {
                latencyMillis = Long.parseLong(arguments[++i]);
            }
        }
        new BudgetBenchmark(records, Duration.ofMillis(latencyMillis), Files.createTempDirectory("tributary-budget"))
                .run();
    }

    private void run() throws Exception {
        measure("25 req/s, defaults", 25, Settings.DEFAULTS);
        measure("100 req/s, defaults", 100, Settings.DEFAULTS);
        measure("100 req/s, concurrency 2", 100, Settings.DEFAULTS.withConcurrency(2));
        measure("unlimited, concurrency 1", UNLIMITED, Settings.DEFAULTS.withConcurrency(1));
        measure("unlimited, defaults", UNLIMITED, Settings.DEFAULTS);
        System.out.printf("%nClose-shaped server, %d entities x %,d records of ~1 KB, %d per page, %d ms per answer,"
                + " SQLite destination, default concurrency %d%n%n", ENTITIES.size(), recordsPerEntity, PAGE,
                latency.toMillis(), Settings.DEFAULTS.concurrency());
        System.out.println("| run | seconds | expected s | accepted req/s | of allowance | 429s | failed entities"
                + " | records/s | final budget |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private void measure(String name, int allowance, Settings settings) throws Exception {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String path : List.of("lead/", "opportunity/", "activity/", "contact/")) {
            sizes.put(path, recordsPerEntity);
        }
        Path home = Files.createTempDirectory(directory, "home");
        List<String> budgets = new CopyOnWriteArrayList<>();
        try (AllowanceServer server = new AllowanceServer(sizes, allowance, latency);
                Tributary tributary = Tributary.builder().home(home).build()) {
            SyncJob job = SyncJob.builder("close")
                    .config(Map.of("api_key", "api_bench", "api_base_url", server.baseUrl().toString()))
                    .entities(ENTITIES)
                    .destination("jdbc:sqlite:" + home.resolve("warehouse.db"))
                    .settings(settings)
                    .listener(new SyncListener() {
                        @Override
                        public void onBudget(String description) {
                            budgets.add(description);
                        }
                    })
                    .build();
            long start = System.nanoTime();
            SyncResult result = tributary.sync(job);
            double seconds = (System.nanoTime() - start) / 1e9;
            long records = result.entities().stream().mapToLong(EntityResult::records).sum();
            long failed = result.entities().stream().filter(e -> !e.succeeded()).count();
            if (records != recordsPerEntity * ENTITIES.size() && failed == 0) {
                throw new IllegalStateException(name + ": synced " + records + " records, expected "
                        + recordsPerEntity * ENTITIES.size());
            }
            double rate = server.accepted() / seconds;
            long pages = ENTITIES.size() * ((recordsPerEntity + PAGE - 1) / PAGE);
            boolean limited = allowance < UNLIMITED;
            rows.add(String.format("| %s | %.1f | %s | %.1f | %s | %d | %d | %,.0f | %s |", name, seconds,
                    limited ? String.format("%.1f", (double) pages / allowance) : "-", rate,
                    limited ? String.format("%.1f%%", rate / allowance * 100) : "-", server.rejected(), failed,
                    records / seconds, result.budget().map(BudgetUse::summary).orElse("-")));
            System.err.printf("%s: %.1f s, %.1f req/s, budget events %s%n", name, seconds, rate, budgets);
        }
    }
}

package dev.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.server.ApiServer;
import dev.tributary.runtime.server.TokenAuth;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads the real API server: while {@code --syncs} data sources of the sample connector sync over and over (each
 * into its own SQLite file, restarted as soon as it ends), {@code --clients} concurrent clients list sources, read run
 * history and follow a running sync's server-sent events for a second, for {@code --seconds}. Prints request counts,
 * errors (any answer other than 2xx, and any failed sync), latency percentiles of the plain API calls, live threads
 * and heap after GC before and after, as Markdown.
 *
 * <p>Arguments: {@code --clients N} (default 50), {@code --syncs N} (default 10), {@code --seconds S} (default 30),
 * {@code --records N} per entity of each sync (default 20,000).
 */
public final class ServerLoadBenchmark {

    private static final String TOKEN = "load-benchmark-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong streams = new AtomicLong();
    private final AtomicLong syncsFinished = new AtomicLong();
    private final AtomicLong syncsFailed = new AtomicLong();
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private URI base;

    /** Runs the benchmark. */
    public static void main(String[] arguments) throws Exception {
        int clients = 50;
        int syncs = 10;
        int seconds = 30;
        long records = 20_000;
        for (int i = 0; i < arguments.length; i++) {
            switch (arguments[i]) {
                case "--clients" -> clients = Integer.parseInt(arguments[++i]);
                case "--syncs" -> syncs = Integer.parseInt(arguments[++i]);
                case "--seconds" -> seconds = Integer.parseInt(arguments[++i]);
                case "--records" -> records = Long.parseLong(arguments[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + arguments[i]
                        + "; known: --clients N --syncs N --seconds S --records N");
            }
        }
        new ServerLoadBenchmark().run(clients, syncs, Duration.ofSeconds(seconds), records);
    }

    private void run(int clients, int syncs, Duration length, long records) throws Exception {
        Path home = Files.createTempDirectory("tributary-load");
        Map<String, String> environment = Map.of("ENCRYPTION_KEY", Tributary.generateKey().reveal());
        try (Tributary tributary = Tributary.builder().home(home).environment(environment::get).build();
                ApiServer server = ApiServer.builder().port(0).tokens(Optional.of(TokenAuth.of(List.of(TOKEN))))
                        .tributary(tributary).start()) {
            base = server.uri();
            for (int i = 0; i < syncs; i++) {
                String body = "{\"name\": \"load" + i + "\", \"connector\": \"sample\", \"config\": {\"records\": \""
                        + records + "\", \"seed\": \"" + i + "\"}, \"targetDatabases\": [\"jdbc:sqlite:"
                        + home.resolve("warehouse-" + i + ".db") + "\"]}";
                HttpResponse<String> created = send("POST", "/api/sources", body);
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("creating load" + i + ": " + created.body());
                }
            }
            String threadsBefore = threads();
            long heapBefore = heapAfterGc();
            long deadline = System.nanoTime() + length.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(clients + syncs);
            for (int i = 0; i < syncs; i++) {
                String source = "load" + i;
                pool.submit(() -> keepSyncing(source, deadline));
            }
            for (int i = 0; i < clients; i++) {
                int client = i;
                pool.submit(() -> browse(client, syncs, deadline));
            }
            pool.shutdown();
            if (!pool.awaitTermination(length.toSeconds() + 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("clients did not finish");
            }
            awaitIdle(syncs);
            String threadsAfter = threads();
            long heapAfter = heapAfterGc();
            Thread.sleep(65_000);
            String threadsIdle = threads();
            report(clients, syncs, length, records, threadsBefore, threadsAfter, threadsIdle, heapBefore, heapAfter);
        }
    }

    /** Starts the source's sync, follows it to its end through the run API, and starts it again until the deadline. */
    private void keepSyncing(String source, long deadline) {
        try {
            while (System.nanoTime() < deadline) {
                HttpResponse<String> started = send("POST", "/api/sources/" + source + "/syncs", "{}");
                if (started.statusCode() == 409) {
                    // The previous run is still handing back its lease.
                    Thread.sleep(100);
                    continue;
                }
                if (started.statusCode() != 202) {
                    error("start " + source + ": " + started.statusCode() + " " + started.body());
                    return;
                }
                String runId = JSON.readTree(started.body()).path("runId").asText();
                while (true) {
                    Thread.sleep(200);
                    JsonNode run = JSON.readTree(send("GET", "/api/runs/" + runId, null).body());
                    String status = run.path("status").asText();
                    if (!status.equals("running") && !status.equals("pending")) {
                        syncsFinished.incrementAndGet();
                        if (!status.equals("succeeded")) {
                            syncsFailed.incrementAndGet();
                            error("run " + runId + " of " + source + " ended " + status + ": " + run.path("error"));
                        }
                        break;
                    }
                }
            }
        } catch (Exception e) {
            error("sync loop of " + source + ": " + e);
        }
    }

    /** One client: list sources, read runs, and every tenth round follow a running sync's events for a second. */
    private void browse(int client, int syncs, long deadline) {
        int round = 0;
        try {
            while (System.nanoTime() < deadline) {
                timed("/api/sources");
                timed("/api/runs?limit=20");
                timed("/api/sources/load" + (client % syncs));
                if (round++ % 10 == client % 10) {
                    follow();
                }
            }
        } catch (Exception e) {
            error("client " + client + ": " + e);
        }
    }

    private void timed(String path) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = send("GET", path, null);
        latenciesMicros.add((System.nanoTime() - start) / 1_000);
        requests.incrementAndGet();
        if (response.statusCode() / 100 != 2) {
            error("GET " + path + ": " + response.statusCode());
        }
    }

    /** Reads the newest running run's event stream for about a second. */
    private void follow() throws Exception {
        JsonNode runs = JSON.readTree(send("GET", "/api/runs?limit=20", null).body()).path("runs");
        for (JsonNode run : runs) {
            if (run.path("status").asText().equals("running")) {
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/runs/" + run.path("id").asText()
                        + "/events")).header("Authorization", "Bearer " + TOKEN).header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(30)).build();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                        StandardCharsets.UTF_8))) {
                    long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                    while (System.nanoTime() < until && lines.readLine() != null) {
                        // Reading is the point: the server must keep streaming to many followers.
                    }
                }
                if (response.statusCode() / 100 != 2) {
                    error("events: " + response.statusCode());
                }
                streams.incrementAndGet();
                return;
            }
        }
    }

    private void awaitIdle(int syncs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            boolean running = false;
            for (JsonNode run : JSON.readTree(send("GET", "/api/runs?limit=" + (syncs * 4), null).body())
                    .path("runs")) {
                running |= run.path("status").asText().equals("running");
            }
            if (!running) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void error(String what) {
        errors.incrementAndGet();
        if (errorSamples.size() < 10) {
            errorSamples.add(what);
        }
    }

    /**
     * Live threads by kind: the sync engine's (none once syncs end), the server's sync launcher and Jetty's pool (both
     * keep idle threads for 60 s), the benchmark's own HTTP client, others.
     */
    private static String threads() throws InterruptedException {
        Thread.sleep(2_000);
        Map<String, Integer> kinds = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            String kind = name.matches("tributary-sync-(write|fetch)-\\d+") ? "engine"
                    : name.matches("tributary-sync-\\d+") ? "launcher" : name.startsWith("JettyServerThreadPool")
                    ? "jetty" : name.startsWith("HttpClient") ? "bench client" : "other";
            kinds.merge(kind, 1, Integer::sum);
        }
        return kinds.toString();
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        Thread.sleep(500);
        return memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private void report(int clients, int syncs, Duration length, long records, String threadsBefore,
            String threadsAfter, String threadsIdle, long heapBefore, long heapAfter) {
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        System.out.printf("%nAPI server under load: %d clients for %d s while %d sample data sources (%,d records"
                + " per entity) sync again and again, each into its own SQLite file; max heap %d MB%n%n", clients,
                length.toSeconds(), syncs, records, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.println("| API calls | calls/s | errors | p50 ms | p95 ms | p99 ms | max ms | event streams followed"
                + " | syncs finished | syncs failed | heap MB after GC before/after |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        System.out.printf("| %,d | %,.0f | %d | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %d / %d |%n",
                requests.get(), requests.get() / (double) length.toSeconds(), errors.get(), percentile(sorted, 0.50),
                percentile(sorted, 0.95), percentile(sorted, 0.99), percentile(sorted, 1.0), streams.get(),
                syncsFinished.get(), syncsFailed.get(), heapBefore, heapAfter);
        System.out.printf("%nThreads before: %s; right after: %s; after 65 s idle: %s%n", threadsBefore, threadsAfter,
                threadsIdle);
        errorSamples.forEach(sample -> System.out.println("error: " + sample));
    }

    private static double percentile(List<Long> sorted, double fraction) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(fraction * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1000.0;
    }
}

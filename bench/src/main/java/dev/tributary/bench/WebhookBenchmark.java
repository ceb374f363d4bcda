package dev.tributary.bench;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.server.ApiServer;
import dev.tributary.runtime.server.TokenAuth;
import dev.tributary.runtime.store.DataSourceDraft;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook latency and throughput of the real API server and runtime with the real Stripe connector: signed
 * {@code customer.updated} deliveries posted to {@code POST /webhooks/billing}, each answered only once its row is
 * committed, so the answer's latency is the delivery-to-committed-row latency. For SQLite (a file) and PostgreSQL
 * (embedded): {@code --deliveries} sequential deliveries (p50/p99/max), then {@code --clients} concurrent clients
 * for {@code --seconds} (deliveries/s); every event is new, and the row count is checked. Prints Markdown.
 *
 * <p>Arguments: {@code --deliveries N} (default 1,000), {@code --clients N} (default 8), {@code --seconds S}
 * (default 10).
 */
public final class WebhookBenchmark {

    private static final String TOKEN = "webhook-benchmark-token-0123456789";
    private static final String SECRET = "whsec_benchmark_secret_0123456789";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong sequence = new AtomicLong();

    /** Runs the benchmark. */
    public static void main(String[] arguments) throws Exception {
        int deliveries = 1_000;
        int clients = 8;
        int seconds = 10;
        for (int i = 0; i < arguments.length; i++) {
            switch (arguments[i]) {
                case "--deliveries" -> deliveries = Integer.parseInt(arguments[++i]);
                case "--clients" -> clients = Integer.parseInt(arguments[++i]);
                case "--seconds" -> seconds = Integer.parseInt(arguments[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + arguments[i]
                        + "; known: --deliveries N --clients N --seconds S");
            }
        }
        WebhookBenchmark benchmark = new WebhookBenchmark();
        System.out.println("| destination | sequential deliveries | p50 ms | p99 ms | max ms | clients | deliveries/s"
                + " (" + seconds + " s) | rows |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        Path home = Files.createTempDirectory("tributary-webhooks");
        String sqlite = "jdbc:sqlite:" + home.resolve("warehouse.db");
        benchmark.run("SQLite", home.resolve("sqlite"), sqlite, sqlite, deliveries, clients, seconds);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres";
            benchmark.run("PostgreSQL", home.resolve("postgres"), url, url, deliveries, clients, seconds);
        }
    }

    private void run(String label, Path home, String destination, String readUrl, int deliveries, int clients,
            int seconds) throws Exception {
        Map<String, String> environment = Map.of("ENCRYPTION_KEY", Tributary.generateKey().reveal());
        try (Tributary tributary = Tributary.builder().home(home).environment(environment::get).build();
                ApiServer server = ApiServer.builder().port(0).tokens(Optional.of(TokenAuth.of(List.of(TOKEN))))
                        .tributary(tributary).scheduleCheckPeriod(Duration.ZERO).webhookRate(1_000_000).start()) {
            tributary.createSource(DataSourceDraft.of("billing", "stripe", Map.of("api_key", "sk_test_benchmark",
                    "webhook_secret", SECRET)).withTargetDatabases(List.of(destination)));
            URI target = server.uri().resolve("webhooks/billing");
            for (int i = 0; i < 50; i++) {
                deliver(target);
            }
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                long started = System.nanoTime();
                deliver(target);
                micros.add((System.nanoTime() - started) / 1_000);
            }
            Collections.sort(micros);
            long concurrent = concurrently(target, clients, Duration.ofSeconds(seconds));
            long rows = rows(readUrl);
            System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %d | %.0f | %d |%n", label, deliveries,
                    percentile(micros, 0.50), percentile(micros, 0.99), micros.get(micros.size() - 1) / 1000.0,
                    clients, concurrent / (double) seconds, rows);
            if (rows != sequence.get()) {
                throw new IllegalStateException(label + ": " + sequence.get() + " events applied but " + rows
                        + " rows in billing_customers");
            }
            sequence.set(0);
        }
    }

    private long concurrently(URI target, int clients, Duration length) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        deliver(target);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return done.get();
    }

    private void deliver(URI target) throws Exception {
        long n = sequence.incrementAndGet();
        Instant now = Instant.now();
        String body = "{\"id\":\"evt_bench_" + n + "\",\"object\":\"event\",\"created\":" + now.getEpochSecond()
                + ",\"type\":\"customer.updated\",\"data\":{\"object\":{\"id\":\"cus_bench_" + n
                + "\",\"object\":\"customer\",\"created\":" + now.getEpochSecond() + ",\"email\":\"c" + n
                + "@example.com\",\"name\":\"Customer " + n + "\",\"balance\":0,\"metadata\":{}}}}";
        String signature = "t=" + now.getEpochSecond() + ",v1=" + hmac(now.getEpochSecond() + "." + body);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(target)
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Stripe-Signature", signature)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || !answer.body().contains("\"applied\"")) {
            throw new IllegalStateException("delivery " + n + " answered " + answer.statusCode() + " "
                    + answer.body());
        }
    }

    private static String hmac(String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static long rows(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM billing_customers")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static double percentile(List<Long> sortedMicros, double p) {
        int index = (int) Math.ceil(p * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, index)) / 1000.0;
    }
}

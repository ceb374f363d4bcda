package dev.tributary.connector.stripe;

import static dev.tributary.connector.stripe.StripeDeliveries.SECRET;
import static dev.tributary.connector.stripe.StripeDeliveries.event;
import static dev.tributary.connector.stripe.StripeDeliveries.signatureHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.store.DataSourceDraft;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server while a delivery is inside its transaction (its event id inserted, its upsert waiting on a
 * row lock this test holds in PostgreSQL), then a restart and the source's redelivery: the event is applied exactly
 * once and the table is exact.
 */
class StripeWebhookCrashTest {

    @TempDir
    Path home;

    private EmbeddedPostgres postgres;
    private final String key = Tributary.generateKey().reveal();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> servers = new ArrayList<>();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Tributary tributary = Tributary.builder().home(home).environment(Map.of("ENCRYPTION_KEY", key)::get)
                .build()) {
            tributary.createSource(DataSourceDraft.of("billing", "stripe", Map.of(StripeConfig.API_KEY,
                    TestSupport.API_KEY, StripeConfig.WEBHOOK_SECRET, SECRET)).withTargetDatabases(List.of(url())));
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Process server : servers) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        postgres.close();
    }

    private String url() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres";
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "postgres", "");
    }

    /** Starts the server in its own JVM and returns its base address. */
    private URI startServer() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WebhookServerMain.class.getName(), home.toString());
        builder.environment().put("ENCRYPTION_KEY", key);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        servers.add(process);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("PORT ")) {
                        int value = Integer.parseInt(line.substring(5).trim());
                        // Keep draining the output so the server never blocks on a full pipe.
                        Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }));
                        drain.setDaemon(true);
                        drain.start();
                        return value;
                    }
                }
                throw new IllegalStateException("the server process ended without listening");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return URI.create("http://127.0.0.1:" + port.get(60, TimeUnit.SECONDS) + "/");
    }

    private HttpResponse<String> deliver(URI base, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("webhooks/billing"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Stripe-Signature", signatureHeader(body, Instant.now(), SECRET)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void aDeliveryKilledInsideItsTransactionIsAppliedOnceWhenRedelivered() throws Exception {
        URI first = startServer();
        assertThat(deliver(first, event("evt_1", "customer.created", now.minusSeconds(60),
                StripeWebhookServerTest.customer("cus_1", "Before", now))).statusCode()).isEqualTo(200);
        String update = event("evt_2", "customer.updated", now, StripeWebhookServerTest.customer("cus_1", "After",
                now));
        Process killed = servers.get(0);

        try (Connection lock = connect()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.executeQuery("SELECT * FROM billing_customers WHERE id = 'cus_1' FOR UPDATE").close();
            }
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return deliver(first, update);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitBlockedUpsert();
            killed.destroyForcibly();
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(inFlight).failsWithin(Duration.ofSeconds(30));
            lock.rollback();
        }
        try (Connection check = connect()) {
            awaitNoServerBackends(check);
            assertThat(count(check, "SELECT count(*) FROM _tributary_events WHERE event_id = 'evt_2'")).isZero();
        }

        URI second = startServer();
        HttpResponse<String> redelivered = deliver(second, update);
        HttpResponse<String> again = deliver(second, update);

        assertThat(redelivered.body()).isEqualTo("{\"status\":\"applied\",\"event\":\"evt_2\"}");
        assertThat(again.body()).isEqualTo("{\"status\":\"duplicate\",\"event\":\"evt_2\"}");
        try (Connection check = connect()) {
            assertThat(count(check, "SELECT count(*) FROM billing_customers")).isEqualTo(1);
            assertThat(count(check, "SELECT count(*) FROM billing_customers WHERE _record->>'name' = 'After'"))
                    .isEqualTo(1);
            assertThat(count(check, "SELECT count(*) FROM _tributary_events")).isEqualTo(2);
        }
    }

    /** Waits until a server connection waits on a row lock: the upsert inside the delivery's transaction. */
    private void awaitBlockedUpsert() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection watch = connect()) {
            while (count(watch, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tributary'"
                    + " AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO%billing_customers%'") == 0) {
                assertThat(System.nanoTime()).as("a blocked upsert before the deadline").isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
    }

    /** Waits until PostgreSQL has ended the killed server's sessions (and rolled back their transactions). */
    private static void awaitNoServerBackends(Connection check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(check, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tributary'"
                + " AND state <> 'idle'") > 0) {
            assertThat(System.nanoTime()).as("the killed server's sessions end before the deadline")
                    .isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}

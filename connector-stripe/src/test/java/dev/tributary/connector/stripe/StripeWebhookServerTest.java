package dev.tributary.connector.stripe;

import static dev.tributary.connector.stripe.StripeDeliveries.SECRET;
import static dev.tributary.connector.stripe.StripeDeliveries.event;
import static dev.tributary.connector.stripe.StripeDeliveries.fixture;
import static dev.tributary.connector.stripe.StripeDeliveries.signatureHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.store.DataSourceDraft;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed Stripe deliveries posted to the real API server on loopback, applied by the real runtime into a SQLite
 * warehouse: each case checks the answer and the table.
 */
class StripeWebhookServerTest {

    private static final String TABLE = "billing_customers";

    @TempDir
    Path home;

    private WebhookServer server;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void start() {
        server = new WebhookServer(home, builder -> builder);
        server.tributary.createSource(DataSourceDraft.of("billing", "stripe", Map.of(
                StripeConfig.API_KEY, TestSupport.API_KEY, StripeConfig.WEBHOOK_SECRET, SECRET)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String customer(String id, String name, Instant created) {
        return "{\"id\":\"" + id + "\",\"object\":\"customer\",\"created\":" + created.getEpochSecond()
                + ",\"email\":null,\"name\":\"" + name + "\"}";
    }

    private HttpResponse<String> deliver(String body) throws Exception {
        return server.post("billing", body, "Stripe-Signature", signatureHeader(body, Instant.now(), SECRET));
    }

    private String name(String id) throws Exception {
        return server.rows(TABLE).stream().filter(row -> id.equals(row.get("id")))
                .map(row -> RawJson.parseObject((String) row.get("_record")).get("name")).map(String::valueOf)
                .findFirst().orElse("<none>");
    }

    @Test
    void aSignedEventIsInTheTableWhenTheAnswerComes() throws Exception {
        HttpResponse<String> answer = deliver(event("evt_1", "customer.created", now,
                fixture("customer")));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"status\":\"applied\",\"event\":\"evt_1\"}");
        assertThat(server.rows(TABLE)).singleElement().satisfies(row -> {
            assertThat(row.get("id")).isEqualTo("cus_QXg1o8vcGmoR32");
            assertThat(row.get("_data_source")).isEqualTo("billing");
            assertThat(row.get("_deleted_at")).isNull();
            assertThat(RawJson.parseObject((String) row.get("_record")))
                    .isEqualTo(RawJson.parseObject(fixture("customer")));
        });
    }

    @Test
    void aDeliveryWritesTypedColumnsAndReplacesTheChildRows() throws Exception {
        String subscription = fixture("subscription");
        deliver(event("evt_1", "customer.subscription.created", now.minusSeconds(60), subscription));

        String changed = subscription.replace("\"status\": \"active\"", "\"status\": \"past_due\"")
                .replace("si_QXhVnC2h0Jczwc", "si_second").replaceFirst("\"quantity\": 1", "\"quantity\": 7");
        assertThat(changed).contains("past_due", "si_second", "\"quantity\": 7");
        HttpResponse<String> answer = deliver(event("evt_2", "customer.subscription.updated", now, changed));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(server.rows("billing_subscriptions")).singleElement().satisfies(row -> {
            assertThat(row.get("id")).isEqualTo("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw");
            assertThat(row.get("status")).isEqualTo("past_due");
            assertThat(row.get("customer")).isEqualTo("cus_QXg1o8vcGmoR32");
        });
        assertThat(server.rows("billing_subscriptions__items__data")).singleElement().satisfies(item -> {
            assertThat(item.get("_parent_id")).isEqualTo("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw");
            assertThat(item.get("id")).isEqualTo("si_second");
            assertThat(item.get("quantity")).isEqualTo(7);
        });
    }

    @Test
    void forgedTamperedWrongSecretStaleAndMissingSignaturesAreRefusedAndChangeNothing() throws Exception {
        String body = event("evt_1", "customer.created", now, customer("cus_1", "Ada", now));
        String tampered = body.replace("Ada", "Eve");
        List<HttpResponse<String>> answers = List.of(
                server.post("billing", body, "Stripe-Signature",
                        "t=" + now.getEpochSecond() + ",v1=" + "ab".repeat(32)),
                server.post("billing", tampered, "Stripe-Signature", signatureHeader(body, Instant.now(), SECRET)),
                server.post("billing", body, "Stripe-Signature", signatureHeader(body, Instant.now(), "whsec_Other")),
                server.post("billing", body, "Stripe-Signature",
                        signatureHeader(body, Instant.now().minusSeconds(600), SECRET)),
                server.post("billing", body));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body()).isEqualTo("bad request");
        });
        assertThat(server.rows(TABLE)).isEmpty();
        List<String> warnings = server.logLines().stream().filter(line -> line.contains("refused")).toList();
        assertThat(warnings).hasSize(5).allSatisfy(line -> assertThat(line).doesNotContain(SECRET)
                .doesNotContain("Ada").doesNotContain("Eve").doesNotContain("v1="));
        assertThat(warnings).anyMatch(line -> line.contains("stale"));
        assertThat(server.logLines()).noneMatch(line -> line.contains(SECRET));
    }

    @Test
    void aReplayedDeliveryChangesNothing() throws Exception {
        String body = event("evt_1", "customer.created", now, customer("cus_1", "Ada", now));
        String signature = signatureHeader(body, Instant.now(), SECRET);
        assertThat(server.post("billing", body, "Stripe-Signature", signature).body()).contains("applied");
        List<Map<String, Object>> before = server.rows(TABLE);

        HttpResponse<String> replay = server.post("billing", body, "Stripe-Signature", signature);

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo("{\"status\":\"duplicate\",\"event\":\"evt_1\"}");
        assertThat(server.rows(TABLE)).isEqualTo(before);
    }

    @Test
    void anOlderEventArrivingLateDoesNotOverwriteTheNewerOne() throws Exception {
        deliver(event("evt_new", "customer.updated", now, customer("cus_1", "New", now)));
        HttpResponse<String> late = deliver(event("evt_old", "customer.updated", now.minusSeconds(30),
                customer("cus_1", "Old", now)));

        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(name("cus_1")).isEqualTo("New");
    }

    @Test
    void aDeletedCustomerIsMarkedDeletedAndNeverRevived() throws Exception {
        deliver(event("evt_1", "customer.created", now.minusSeconds(60), customer("cus_1", "Ada", now)));
        assertThat(deliver(event("evt_2", "customer.deleted", now.minusSeconds(30),
                customer("cus_1", "Ada", now))).statusCode()).isEqualTo(200);
        deliver(event("evt_3", "customer.updated", now, customer("cus_1", "Ghost", now)));

        assertThat(server.rows(TABLE)).singleElement().satisfies(row ->
                assertThat(row.get("_deleted_at")).isNotNull());
        assertThat(name("cus_1")).isEqualTo("Ada");
    }

    @Test
    void fiftyConcurrentDeliveriesOfOneEventApplyItOnce() throws Exception {
        String body = event("evt_1", "customer.created", now, customer("cus_1", "Ada", now));
        String signature = signatureHeader(body, Instant.now(), SECRET);
        ExecutorService threads = Executors.newFixedThreadPool(50);
        List<String> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Callable<HttpResponse<String>> post = () -> {
                    start.await();
                    return server.post("billing", body, "Stripe-Signature", signature);
                };
                futures.add(threads.submit(post));
            }
            start.countDown();
            for (Future<HttpResponse<String>> future : futures) {
                HttpResponse<String> answer = future.get(60, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).isEqualTo(200);
                answers.add(answer.body());
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(answers).filteredOn(answer -> answer.contains("\"applied\"")).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.contains("\"duplicate\"")).hasSize(49);
        assertThat(server.rows(TABLE)).hasSize(1);
        assertThat(server.get("api/sources/billing/webhooks").body())
                .contains("\"applied\":1", "\"duplicates\":49", "\"lastEventTime\":\"" + now + "\"");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        String padding = "x".repeat(1024 * 1024);
        String body = event("evt_1", "customer.created", now, customer("cus_1", padding, now));

        HttpResponse<String> answer = deliver(body);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(server.rows(TABLE)).isEmpty();
    }

    @Test
    void unknownSourcesAndSourcesWithoutASecretAreNotFoundAlike() throws Exception {
        server.tributary.createSource(DataSourceDraft.of("nosecret", "stripe",
                Map.of(StripeConfig.API_KEY, TestSupport.API_KEY)));
        String body = event("evt_1", "customer.created", now, customer("cus_1", "Ada", now));
        String signature = signatureHeader(body, Instant.now(), SECRET);

        List<HttpResponse<String>> answers = List.of(server.post("nosuch", body, "Stripe-Signature", signature),
                server.post("nosecret", body, "Stripe-Signature", signature),
                server.post("Bad-Name!", body, "Stripe-Signature", signature));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo("not found");
        });
        assertThat(server.rows("nosecret_customers")).isEmpty();
    }

    @Test
    void anUnknownEventTypeIsAnsweredAndChangesNoTable() throws Exception {
        HttpResponse<String> answer = deliver(event("evt_1", "payout.paid", now,
                "{\"id\":\"po_1\",\"object\":\"payout\"}"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"status\":\"ignored\"}");
        assertThat(server.rows(TABLE)).isEmpty();
        assertThat(server.rows("billing_payouts")).isEmpty();
    }

    @Test
    void eachDeliveryIsAServerSentEventOfItsSource() throws Exception {
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.uri().resolve("api/sources/billing/webhooks/events"))
                .header("Authorization", "Bearer " + WebhookServer.TOKEN).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Iterator<String> lines = stream.body().iterator();
        assertThat(lines.next()).startsWith(":");

        deliver(event("evt_1", "customer.created", now, customer("cus_1", "Ada", now)));

        List<String> received = new ArrayList<>();
        while (received.size() < 2) {
            String line = lines.next();
            if (!line.isEmpty()) {
                received.add(line);
            }
        }
        assertThat(received.get(0)).isEqualTo("event: webhook");
        assertThat(received.get(1)).isEqualTo("data: {\"status\":\"applied\",\"event\":\"evt_1\",\"type\":"
                + "\"customer.created\",\"eventTime\":\"" + now + "\",\"upserted\":1,\"deleted\":0,\"skipped\":0}");
        stream.body().close();
    }

    @Test
    void theApiCountsDeliveriesPerDayFromTheRunHistory() throws Exception {
        deliver(event("evt_1", "customer.created", now, customer("cus_1", "Ada", now)));
        deliver(event("evt_1", "customer.created", now, customer("cus_1", "Ada", now)));

        HttpResponse<String> answer = server.get("api/sources/billing/webhooks");

        assertThat(answer.body()).contains("\"activity\":{\"applied\":1,\"duplicates\":1,\"ignored\":0,\"refused\":0,"
                + "\"lastEventTime\":\"" + now + "\"", "\"days\":[{\"day\":\""
                + LocalDate.now(ZoneOffset.UTC) + "\",\"applied\":1,\"duplicates\":1,");
    }

    @Test
    void theApiTellsWhereToRegisterTheWebhook() throws Exception {
        HttpResponse<String> answer = server.get("api/sources/billing/webhooks");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"path\":\"/webhooks/billing\"", "\"enabled\":true",
                "Developers > Webhooks").doesNotContain(SECRET);
        assertThat(server.post("billing", "{}").statusCode()).isEqualTo(400);
    }
}

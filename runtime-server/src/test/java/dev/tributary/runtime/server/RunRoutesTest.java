package dev.tributary.runtime.server;

import static dev.tributary.runtime.server.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.source.ClaimedSync;
import dev.tributary.runtime.server.shop.FakeShopApi;
import dev.tributary.runtime.store.RunStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RunRoutesTest {

    private static final String TOKEN = "run-token-0123456789";
    private static final String KEY = "sk_shop_key_4242";

    @TempDir
    Path home;

    private final String encryptionKey = Tributary.generateKey().reveal();
    private FakeShopApi shop;
    private Tributary tributary;
    private ApiServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        shop = FakeShopApi.start(KEY, Map.of("customers", 7, "orders", 4));
        tributary = TestServers.tributary(home, encryptionKey);
        server = TestServers.start(TOKEN, tributary);
        client = new ApiClient(server.uri(), Optional.of(TOKEN));
        HttpResponse<String> created = client.post("/api/sources", "{\"name\": \"shop_eu\", \"connector\": \"shop\","
                + " \"config\": {\"base_url\": \"" + shop.baseUrl() + "\", \"api_key\": \"" + KEY + "\"},"
                + " \"settings\": {\"batchSize\": 2}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
        tributary.close();
        shop.close();
    }

    private String startSync(String body) {
        HttpResponse<String> started = client.post("/api/sources/shop_eu/syncs", body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return json(started).path("runId").asText();
    }

    @Test
    void startsASyncAndStreamsPerEntityProgressEndingWithTheResult() {
        HttpResponse<String> started = client.post("/api/sources/shop_eu/syncs", "");
        assertThat(started.statusCode()).isEqualTo(202);
        String runId = json(started).path("runId").asText();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/runs/" + runId);
        assertThat(json(started).path("events").asText()).isEqualTo("/api/runs/" + runId + "/events");

        SseEvents.Answer stream = SseEvents.read(client, "/api/runs/" + runId + "/events");

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        List<SseEvents.Event> events = stream.events();
        assertThat(events.get(events.size() - 1).name()).isEqualTo("result");
        JsonNode result = events.get(events.size() - 1).data();
        assertThat(result.path("id").asText()).isEqualTo(runId);
        assertThat(result.path("status").asText()).isEqualTo("succeeded");
        assertThat(result.path("records").asLong()).isEqualTo(11);
        assertThat(result.path("trigger").asText()).isEqualTo("api");
        for (String entity : List.of("customers", "orders")) {
            List<JsonNode> progress = stream.named("progress").stream()
                    .filter(p -> p.path("entity").asText().equals(entity)).toList();
            assertThat(progress).as(entity + " progress").isNotEmpty();
            JsonNode last = progress.get(progress.size() - 1);
            assertThat(last.path("state").asText()).isEqualTo("done");
            assertThat(last.path("percent").asInt()).isEqualTo(100);
            assertThat(last.path("records").asLong()).isEqualTo(entity.equals("customers") ? 7 : 4);
            assertThat(last.has("rate")).isTrue();
            assertThat(last.path("runId").asText()).isEqualTo(runId);
        }
        assertThat(stream.named("progress").stream().filter(p -> !p.path("total").isNull()))
                .as("totals reported by the connector").isNotEmpty();
    }

    @Test
    void refusesASecondSyncOfTheSameSourceWhileOneRuns() throws InterruptedException {
        shop.holdAfterFirstPage();
        String runId = startSync("{}");
        assertThat(shop.awaitFirstPage()).isTrue();

        HttpResponse<String> second = client.post("/api/sources/shop_eu/syncs", "{}");

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second).path("error").path("code").asText()).isEqualTo("conflict");
        assertThat(json(second).path("error").path("message").asText()).contains(runId);
        assertThat(json(client.get("/api/sources/shop_eu")).path("running").asBoolean()).isTrue();
        JsonNode running = json(client.get("/api/runs/" + runId));
        assertThat(running.path("status").asText()).isEqualTo("running");
        assertThat(running.path("progress")).isNotEmpty();
        shop.open();
        assertThat(lastEvent(runId).path("status").asText()).isEqualTo("succeeded");
        assertThat(startSync("{\"entities\": [\"orders\"]}")).isNotEqualTo(runId);
    }

    @Test
    void refusesASyncWhileAnotherProcessSharingTheStoreSyncsTheSameSource() {
        try (Tributary otherProcess = TestServers.tributary(home, encryptionKey);
                ClaimedSync elsewhere = otherProcess.claimSourceSync("run-elsewhere", "shop_eu")) {
            HttpResponse<String> refused = client.post("/api/sources/shop_eu/syncs", "{}");

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(json(refused).path("error").path("message").asText()).contains("run-elsewhere");
            assertThat(json(client.get("/api/runs?source=shop_eu")).path("runs")).as("no run recorded").isEmpty();
        }
        String runId = startSync("{}");
        assertThat(lastEvent(runId).path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void cancelsARunningSyncWhichKeepsWhatItCommitted() throws InterruptedException {
        shop.holdAfterFirstPage();
        String runId = startSync("{\"entities\": [\"customers\"]}");
        assertThat(shop.awaitFirstPage()).isTrue();
        CompletableFuture<SseEvents.Answer> stream =
                CompletableFuture.supplyAsync(() -> SseEvents.read(client, "/api/runs/" + runId + "/events"));

        HttpResponse<String> cancel = client.delete("/api/runs/" + runId);

        assertThat(cancel.statusCode()).isEqualTo(202);
        assertThat(json(cancel).path("status").asText()).isEqualTo("cancelling");
        List<SseEvents.Event> events = stream.orTimeout(60, TimeUnit.SECONDS).join().events();
        JsonNode result = events.get(events.size() - 1).data();
        assertThat(result.path("status").asText()).isEqualTo("cancelled");
        assertThat(result.path("records").asLong()).isBetween(0L, 6L);
        assertThat(client.delete("/api/runs/" + runId).statusCode()).isEqualTo(409);
        assertThat(tributary.run(runId)).hasValueSatisfying(
                run -> assertThat(run.status()).isEqualTo(RunStatus.CANCELLED));
    }

    @Test
    void listsRunsNewestFirstFilteredBySource() {
        String first = startSync("{}");
        lastEvent(first);
        String second = startSync("{\"fullRefresh\": true}");
        lastEvent(second);

        JsonNode runs = json(client.get("/api/runs?source=shop_eu")).path("runs");
        JsonNode limited = json(client.get("/api/runs?limit=1")).path("runs");
        JsonNode other = json(client.get("/api/runs?source=nobody")).path("runs");

        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).path("id").asText()).isEqualTo(second);
        assertThat(runs.get(1).path("id").asText()).isEqualTo(first);
        assertThat(runs.get(0).path("entities")).hasSize(2);
        assertThat(limited).hasSize(1);
        assertThat(other).isEmpty();
        assertThat(client.get("/api/runs?limit=0").statusCode()).isEqualTo(400);
        assertThat(client.get("/api/runs?limit=lots").statusCode()).isEqualTo(400);
    }

    @Test
    void streamsOnlyTheResultOfARunThatEndedLongAgo() {
        String runId = startSync("{}");
        lastEvent(runId);
        server.close();
        server = TestServers.start(TOKEN, tributary);
        client = new ApiClient(server.uri(), Optional.of(TOKEN));

        SseEvents.Answer stream = SseEvents.read(client, "/api/runs/" + runId + "/events");

        assertThat(stream.events()).extracting(SseEvents.Event::name).containsExactly("result");
        assertThat(stream.events().get(0).data().path("status").asText()).isEqualTo("succeeded");
        assertThat(json(client.get("/api/runs/" + runId)).has("progress")).isFalse();
    }

    @Test
    void answersNotFoundForAnUnknownRun() {
        assertThat(client.get("/api/runs/nope").statusCode()).isEqualTo(404);
        assertThat(client.delete("/api/runs/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> events = client.get("/api/runs/nope/events");
        assertThat(events.statusCode()).isEqualTo(404);
        assertThat(json(events).path("error").path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void cancelsRunningSyncsWhenTheServerStops() throws InterruptedException {
        shop.holdAfterFirstPage();
        String runId = startSync("{}");
        assertThat(shop.awaitFirstPage()).isTrue();

        long started = System.nanoTime();
        server.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(tributary.run(runId)).hasValueSatisfying(
                run -> assertThat(run.status()).isEqualTo(RunStatus.CANCELLED));
    }

    private JsonNode lastEvent(String runId) {
        List<SseEvents.Event> events = SseEvents.read(client, "/api/runs/" + runId + "/events").events();
        assertThat(events).isNotEmpty();
        return events.get(events.size() - 1).data();
    }
}

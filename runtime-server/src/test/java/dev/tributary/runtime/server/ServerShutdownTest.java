package dev.tributary.runtime.server;

import static dev.tributary.runtime.server.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.server.shop.FakeShopApi;
import dev.tributary.runtime.store.RunStatus;
import dev.tributary.runtime.store.SyncRun;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server stopped while a sync runs and clients call the API leaves every run row finished, none half-written. */
class ServerShutdownTest {

    private static final String TOKEN = "shutdown-token-0123456789";
    private static final String KEY = "sk_shutdown_2b7d";

    @TempDir
    Path home;

    @Test
    void stoppingWithARunningSyncAndBusyClientsRecordsTheRunAsCancelledWithWhatItCommitted() throws Exception {
        String encryptionKey = Tributary.generateKey().reveal();
        AtomicBoolean calling = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        String runId;
        try (FakeShopApi shop = FakeShopApi.start(KEY, Map.of("customers", 50, "orders", 50))) {
            shop.holdAfterFirstPage();
            Tributary tributary = TestServers.tributary(home, encryptionKey);
            ApiServer server = ApiServer.builder().port(0).tokens(Optional.of(TokenAuth.of(List.of(TOKEN))))
                    .tributary(tributary).syncShutdownWait(Duration.ofSeconds(20)).start();
            ApiClient client = new ApiClient(server.uri(), Optional.of(TOKEN));
            client.post("/api/sources", "{\"name\": \"shop_eu\", \"connector\": \"shop\", \"config\": {\"base_url\": \""
                    + shop.baseUrl() + "\", \"api_key\": \"" + KEY + "\"}, \"settings\": {\"batchSize\": 10}}");
            HttpResponse<String> started = client.post("/api/sources/shop_eu/syncs", "{}");
            assertThat(started.statusCode()).isEqualTo(202);
            runId = json(started).path("runId").asText();
            assertThat(shop.awaitFirstPage()).isTrue();
            Thread caller = new Thread(() -> {
                while (calling.get()) {
                    try {
                        client.get("/api/runs?limit=5");
                        answered.incrementAndGet();
                    } catch (RuntimeException stopped) {
                        // The server is going away; connection errors are expected now.
                    }
                }
            });
            caller.start();

            server.close();
            tributary.close();
            calling.set(false);
            caller.join(10_000);
            shop.open();
        }

        try (Tributary reopened = TestServers.tributary(home, encryptionKey)) {
            SyncRun run = reopened.run(runId).orElseThrow();
            assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(run.endedAt()).isPresent();
            assertThat(reopened.runs(Optional.empty(), 10)).allSatisfy(
                    any -> assertThat(any.status().isFinal()).as("no half-written run").isTrue());
        }
        assertThat(answered.get()).as("clients were answered while the sync ran").isPositive();
    }
}

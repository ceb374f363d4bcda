package dev.tributary.runtime.server;

import static dev.tributary.runtime.server.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.server.shop.FakeShopApi;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} over real HTTP after syncs started through the API, with and without a token. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MetricsRoutesTest {

    private static final String TOKEN = "metrics-token-0123456789";
    private static final String KEY = "sk_live_METRICSCANARY_77ab";

    @TempDir
    Path home;

    private final String encryptionKey = Tributary.generateKey().reveal();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private FakeShopApi shop;
    private Tributary tributary;
    private ApiServer server;

    @BeforeEach
    void start() {
        shop = FakeShopApi.start(KEY, Map.of("customers", 7, "orders", 4));
        Map<String, String> environment = Map.of("ENCRYPTION_KEY", encryptionKey);
        tributary = Tributary.builder().home(home).environment(environment::get).meterRegistry(registry).build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        tributary.close();
        shop.close();
    }

    private ApiClient serve(boolean metricsPublic) {
        server = ApiServer.builder().port(0).tokens(Optional.of(TokenAuth.of(List.of(TOKEN)))).tributary(tributary)
                .meterRegistry(registry).metricsPublic(metricsPublic).start();
        return new ApiClient(server.uri(), Optional.of(TOKEN));
    }

    private void syncToTheEnd(ApiClient client, String source, String key) {
        HttpResponse<String> created = client.post("/api/sources", "{\"name\": \"" + source + "\", \"connector\":"
                + " \"shop\", \"config\": {\"base_url\": \"" + shop.baseUrl() + "\", \"api_key\": \"" + key
                + "\"}, \"settings\": {\"batchSize\": 2, \"maxRetries\": 0}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> started = client.post("/api/sources/" + source + "/syncs", "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        List<SseEvents.Event> events = SseEvents.read(client, json(started).path("events").asText()).events();
        JsonNode result = events.get(events.size() - 1).data();
        assertThat(result.path("id").asText()).isEqualTo(json(started).path("runId").asText());
    }

    @Test
    void scrapeNeedsTheTokenAndShowsTheSyncsMeters() {
        ApiClient client = serve(false);
        syncToTheEnd(client, "shop_eu", KEY);
        syncToTheEnd(client, "shop_bad", "sk_live_wrong_key_0000");

        HttpResponse<String> anonymous = client.withoutToken().get("/metrics");
        HttpResponse<String> wrongToken = client.withToken("not-the-token-0123456789").get("/metrics");
        HttpResponse<String> scrape = client.get("/metrics");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(anonymous.body()).doesNotContain("tributary_");
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(scrape.body().lines()).contains(
                "tributary_records_written_total{connector=\"shop\",entity=\"customers\",source=\"shop_eu\"} 7.0",
                "tributary_records_written_total{connector=\"shop\",entity=\"orders\",source=\"shop_eu\"} 4.0",
                "tributary_batches_committed_total{connector=\"shop\",entity=\"customers\",source=\"shop_eu\"} 4.0",
                "tributary_syncs_failed_total{connector=\"shop\",source=\"shop_eu\"} 0.0",
                "tributary_syncs_failed_total{connector=\"shop\",source=\"shop_bad\"} 1.0",
                "tributary_fetch_errors_total{connector=\"shop\",entity=\"customers\",kind=\"authentication\","
                        + "source=\"shop_bad\"} 1.0");
        assertThat(scrape.body()).contains("tributary_last_success_timestamp_seconds{connector=\"shop\","
                + "source=\"shop_eu\"}")
                .contains("tributary_destination_commit_seconds_count{destination=\"sqlite\",entity=\"customers\","
                        + "operation=\"batch\",source=\"shop_eu\"} 4")
                .contains("tributary_sync_duration_seconds_count{connector=\"shop\",outcome=\"succeeded\","
                        + "source=\"shop_eu\"} 1")
                .contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds");
        assertThat(scrape.body()).doesNotContain("tributary_last_success_timestamp_seconds{connector=\"shop\","
                + "source=\"shop_bad\"}");
        assertThat(scrape.body()).doesNotContain(KEY).doesNotContain("sk_live_wrong_key").doesNotContain(TOKEN)
                .doesNotContain(encryptionKey).doesNotContain(shop.baseUrl()).doesNotContain(home.toString())
                .doesNotContain("customers 1").doesNotContain("bad key");
    }

    @Test
    void publicMetricsNeedNoTokenWhileTheApiStillDoes() {
        ApiClient client = serve(true);
        syncToTheEnd(client, "shop_eu", KEY);

        HttpResponse<String> scrape = client.withoutToken().get("/metrics");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body().lines()).contains(
                "tributary_records_written_total{connector=\"shop\",entity=\"customers\",source=\"shop_eu\"} 7.0");
        assertThat(scrape.body()).doesNotContain(KEY).doesNotContain(TOKEN);
        assertThat(client.withoutToken().get("/api/sources").statusCode()).isEqualTo(401);
    }

    @Test
    void aServerWithoutTheRuntimesRegistryStillServesJvmMeters() {
        server = TestServers.start(TOKEN, tributary);
        ApiClient client = new ApiClient(server.uri(), Optional.of(TOKEN));

        HttpResponse<String> scrape = client.get("/metrics");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes").doesNotContain("tributary_");
        assertThat(client.withoutToken().get("/metrics").statusCode()).isEqualTo(401);
    }
}

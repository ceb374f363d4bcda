package dev.tributary.connector.close;

import static dev.tributary.connector.close.CloseDeliveries.KEY;
import static dev.tributary.connector.close.CloseDeliveries.body;
import static dev.tributary.connector.close.CloseDeliveries.hash;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.server.ApiServer;
import dev.tributary.runtime.server.TokenAuth;
import dev.tributary.runtime.store.DataSourceDraft;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed Close deliveries posted to the real API server on loopback, applied into a SQLite warehouse. */
class CloseWebhookServerTest {

    @TempDir
    Path home;

    private Tributary tributary;
    private ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        Map<String, String> environment = Map.of("ENCRYPTION_KEY", Tributary.generateKey().reveal());
        tributary = Tributary.builder().home(home).environment(environment::get).build();
        server = ApiServer.builder().port(0).tokens(Optional.of(TokenAuth.of(List.of("close-test-token-0123456789"))))
                .tributary(tributary).scheduleCheckPeriod(Duration.ZERO).start();
        tributary.createSource(DataSourceDraft.of("crm", "close", Map.of(CloseConnector.API_KEY, "api_test_key",
                CloseConnector.WEBHOOK_SECRET, KEY)));
    }

    @AfterEach
    void stop() {
        server.close();
        tributary.close();
    }

    private HttpResponse<String> post(String body, String timestamp, String signature) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve("webhooks/crm"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("close-sig-timestamp", timestamp)
                .header("close-sig-hash", signature).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> deliver(Map<String, Object> event) throws Exception {
        String body = body(event);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return post(body, timestamp, hash(KEY, timestamp, body));
    }

    /** id to {@code _deleted_at} of each row of the table; empty when it does not exist. */
    private Map<String, String> rows(String table) throws Exception {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("warehouse.db"));
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
                if (!exists.next()) {
                    return rows;
                }
            }
            try (ResultSet result = statement.executeQuery("SELECT id, _deleted_at FROM " + table)) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getString(2));
                }
            }
        }
        return rows;
    }

    @Test
    void aSignedLeadUpdateIsInTheTableWhenTheAnswerComes() throws Exception {
        HttpResponse<String> answer = deliver(CloseDeliveries.leadUpdated());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"status\":\"applied\",\"event\":\"ev_2uOqk7GbfvS0y2tVmFD1rL\"}");
        assertThat(rows("crm_leads")).containsOnlyKeys("lead_IIDHIStmFcFQZZP0BRe99V1MCoXWz2PGCm6EDmR9v2O")
                .containsValue(null);
    }

    @Test
    void aDeletedActivityIsMarkedAndAForgedDeliveryChangesNothing() throws Exception {
        Map<String, Object> created = new LinkedHashMap<>(CloseDeliveries.leadUpdated());
        created.put("id", "ev_created_note");
        created.put("object_type", "activity.note");
        created.put("object_id", "acti_Qh1aVx3Ls9Dk2Pm7Rb5Wn0Tz4Yc8Ju6Ge1Fo3Ni9Kq2");
        created.put("action", "created");
        created.put("date_updated", "2024-05-20T08:30:00.000000+00:00");
        created.put("data", Map.of("id", "acti_Qh1aVx3Ls9Dk2Pm7Rb5Wn0Tz4Yc8Ju6Ge1Fo3Ni9Kq2", "_type", "Note",
                "note", "Duplicate note"));
        assertThat(deliver(created).statusCode()).isEqualTo(200);

        String body = body(CloseDeliveries.noteDeleted());
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpResponse<String> forged = post(body, timestamp, "00".repeat(32));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(rows("crm_activities").values()).containsOnlyNulls();

        HttpResponse<String> deleted = post(body, timestamp, hash(KEY, timestamp, body));
        HttpResponse<String> again = post(body, timestamp, hash(KEY, timestamp, body));

        assertThat(deleted.body()).contains("\"applied\"");
        assertThat(again.body()).contains("\"duplicate\"");
        assertThat(rows("crm_activities")).hasSize(1).doesNotContainValue(null);
    }
}

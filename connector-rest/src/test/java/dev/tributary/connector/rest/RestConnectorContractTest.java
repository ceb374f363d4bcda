package dev.tributary.connector.rest;

import dev.tributary.spi.BaseConnector;
import dev.tributary.testkit.ConnectorContract;
import dev.tributary.testkit.FakeHttpServer;
import dev.tributary.testkit.FakeResponse;
import dev.tributary.testkit.RecordedRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The testkit's connector contract for {@code rest}, against a JDK HTTP server on loopback that wants a bearer token:
 * {@code tickets} by offset, incremental with the server filtering on {@code updated_since}; {@code users} by a
 * body cursor.
 */
class RestConnectorContractTest extends ConnectorContract {

    private static final int TICKETS = 23;
    private static final int USERS = 17;
    private static final Instant FIRST = Instant.parse("2024-05-01T00:00:00Z");

    private FakeHttpServer server;

    @Override
    protected void startFakeServer() {
        server = FakeHttpServer.start().dispatch(this::answer);
    }

    @Override
    protected void stopFakeServer() {
        server.close();
    }

    /** Accepts OkHttp's process-wide "Okio Watchdog" daemon, which belongs to no client. */
    @Override
    protected boolean isSharedThread(Thread thread) {
        return super.isSharedThread(thread) || thread.getName().equals("Okio Watchdog");
    }

    private FakeResponse answer(RecordedRequest request) {
        if (!request.header("Authorization").equals(Optional.of("Bearer contract-token"))) {
            return FakeResponse.json(401, "{\"error\":\"bad token\"}");
        }
        if (request.path().equals("/api/tickets")) {
            int offset = Integer.parseInt(request.queryParameter("offset").orElse("0"));
            int limit = Integer.parseInt(request.queryParameter("limit").orElse("100"));
            Instant since = request.queryParameter("updated_since").map(Instant::parse).orElse(Instant.EPOCH);
            StringBuilder body = new StringBuilder("{\"tickets\":[");
            int written = 0;
            int matching = 0;
            for (int id = 1; id <= TICKETS; id++) {
                Instant updated = FIRST.plusSeconds(3600L * id);
                if (updated.isBefore(since)) {
                    continue;
                }
                if (matching++ >= offset && written < limit) {
                    body.append(written++ == 0 ? "" : ",").append("{\"id\":").append(id)
                            .append(",\"subject\":\"ticket ").append(id).append("\",\"updated_at\":\"")
                            .append(updated).append("\"}");
                }
            }
            return FakeResponse.json(body.append("],\"total\":").append(matching).append("}").toString());
        }
        if (request.path().equals("/api/users")) {
            int after = Integer.parseInt(request.queryParameter("cursor").orElse("0"));
            int to = Math.min(after + 5, USERS);
            StringBuilder body = new StringBuilder("{\"data\":[");
            for (int id = after + 1; id <= to; id++) {
                body.append(id == after + 1 ? "" : ",").append("{\"uid\":\"u").append(id).append("\"}");
            }
            body.append("],\"meta\":{\"next\":").append(to < USERS ? "\"" + to + "\"" : "null").append("}}");
            return FakeResponse.json(body.toString());
        }
        return FakeResponse.json(404, "{\"error\":\"no such path\"}");
    }

    @Override
    protected BaseConnector newConnector() {
        return new RestConnector();
    }

    @Override
    protected Map<String, Object> config() {
        return config("contract-token");
    }

    @Override
    protected Optional<Map<String, Object>> badCredentialsConfig() {
        return Optional.of(config("wrong-token"));
    }

    private Map<String, Object> config(String token) {
        Map<String, Object> tickets = new LinkedHashMap<>();
        tickets.put("name", "tickets");
        tickets.put("path", "/tickets");
        tickets.put("records", "tickets");
        tickets.put("paginator", Map.of("type", "offset", "limit", 4, "total_path", "total"));
        tickets.put("incremental", Map.of("cursor_field", "updated_at", "param", "updated_since"));
        Map<String, Object> users = new LinkedHashMap<>();
        users.put("name", "users");
        users.put("path", "/users");
        users.put("records", "$.data");
        users.put("primary_key", List.of("uid"));
        users.put("paginator", Map.of("type", "cursor", "cursor_param", "cursor", "cursor_path", "meta.next"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("base_url", server.url("/api").toString());
        config.put("auth", Map.of("type", "bearer", "token", token));
        config.put("resources", List.of(tickets, users));
        return config;
    }
}

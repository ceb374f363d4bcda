package dev.tributary.runtime.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server paging {@link ItemSource}s at {@code /items} and {@code /tags}
 * ({@code ?after=ID&limit=N&since=EPOCH}, answering {@code {"data": [...], "has_more": bool}}), with scripted faults
 * served one per request before normal pages resume.
 */
final class ItemsHttpServer implements AutoCloseable {

    /** A scripted misbehaviour. */
    enum Fault {
        RATE_LIMITED_RETRY_AFTER_7, RATE_LIMITED_NO_HINT, RATE_LIMITED_RETRY_AFTER_0, RATE_LIMITED_PAST_DATE,
        SERVER_ERROR, CONNECTION_RESET, TRUNCATED_BODY,
        /** Serves the page normally, to interleave faults with progress. */
        PASS
    }

    private final HttpServer server;
    private final Map<String, ItemSource> sources;
    private final Map<String, Queue<Fault>> faults = new LinkedHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger requests = new AtomicInteger();

    ItemsHttpServer(ItemSource items, ItemSource tags) throws IOException {
        this.sources = Map.of("items", items, "tags", tags);
        faults.put("items", new ConcurrentLinkedQueue<>());
        faults.put("tags", new ConcurrentLinkedQueue<>());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void enqueue(String entity, Fault... script) {
        faults.get(entity).addAll(List.of(script));
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String entity = exchange.getRequestURI().getPath().substring(1);
        ItemSource source = sources.get(entity);
        if (source == null) {
            respond(exchange, 404, "{\"error\":\"not found\"}");
            return;
        }
        Fault fault = faults.get(entity).poll();
        if (fault != null && fault != Fault.PASS) {
            serveFault(exchange, fault);
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int after = Integer.parseInt(query.getOrDefault("after", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        long since = Long.parseLong(query.getOrDefault("since", String.valueOf(Long.MIN_VALUE)));
        List<Map<String, Object>> page = source.page(after, since, limit + 1);
        boolean hasMore = page.size() > limit;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", hasMore ? page.subList(0, limit) : page);
        body.put("has_more", hasMore);
        respond(exchange, 200, json.writeValueAsString(body));
    }

    private void serveFault(HttpExchange exchange, Fault fault) throws IOException {
        switch (fault) {
            case RATE_LIMITED_RETRY_AFTER_7 -> {
                exchange.getResponseHeaders().add("Retry-After", "7");
                respond(exchange, 429, "{\"error\":\"rate limited\"}");
            }
            case RATE_LIMITED_NO_HINT -> respond(exchange, 429, "{\"error\":\"rate limited\"}");
            case RATE_LIMITED_RETRY_AFTER_0 -> {
                exchange.getResponseHeaders().add("Retry-After", "0");
                respond(exchange, 429, "{\"error\":\"rate limited\"}");
            }
            case RATE_LIMITED_PAST_DATE -> {
                exchange.getResponseHeaders().add("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
                respond(exchange, 429, "{\"error\":\"rate limited\"}");
            }
            case SERVER_ERROR -> respond(exchange, 503, "{\"error\":\"unavailable\"}");
            case CONNECTION_RESET -> exchange.close();
            case TRUNCATED_BODY -> {
                byte[] body = "{\"data\":[{\"id\":1,\"upda".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length + 100L);
                exchange.getResponseBody().write(body);
                exchange.close();
            }
            default -> throw new IllegalStateException("not a fault: " + fault);
        }
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                result.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return result;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

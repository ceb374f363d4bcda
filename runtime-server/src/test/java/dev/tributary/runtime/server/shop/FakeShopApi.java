package dev.tributary.runtime.server.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The loopback shop API {@link ShopConnector} reads: {@code GET /ping} and {@code GET /{entity}?after=&limit=}
 * behind a bearer key. A gate can hold every page after the first, so a test sees a sync that is still running.
 */
public final class FakeShopApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String apiKey;
    private final Map<String, Integer> sizes;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch firstPageServed = new CountDownLatch(1);

    private FakeShopApi(String apiKey, Map<String, Integer> sizes) throws IOException {
        this.apiKey = apiKey;
        this.sizes = Map.copyOf(sizes);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a shop with the given number of records per entity. */
    public static FakeShopApi start(String apiKey, Map<String, Integer> sizes) {
        try {
            return new FakeShopApi(apiKey, sizes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Holds every page after the first until {@link #open()}. */
    public void holdAfterFirstPage() {
        gate = new CountDownLatch(1);
    }

    /** Lets held pages through. */
    public void open() {
        gate.countDown();
    }

    /** Waits until the first page of data was served. */
    public boolean awaitFirstPage() throws InterruptedException {
        return firstPageServed.await(20, TimeUnit.SECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, Map.of("error", "bad key"));
                return;
            }
            String path = exchange.getRequestURI().getPath().substring(1);
            if (path.equals("ping")) {
                send(exchange, 200, Map.of("ok", true));
                return;
            }
            Integer size = sizes.get(path);
            if (size == null) {
                send(exchange, 404, Map.of("error", "no such entity"));
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            long after = Long.parseLong(query.getOrDefault("after", "0"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            if (after > 0 && !gate.await(30, TimeUnit.SECONDS)) {
                send(exchange, 503, Map.of("error", "gate never opened"));
                return;
            }
            List<Map<String, Object>> data = new ArrayList<>();
            for (long id = after + 1; id <= size && data.size() < limit; id++) {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("id", id);
                record.put("name", path + " " + id);
                data.add(record);
            }
            long position = data.isEmpty() ? after : (long) data.get(data.size() - 1).get("id");
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("data", data);
            page.put("hasMore", position < size);
            page.put("total", size);
            page.put("position", position);
            send(exchange, 200, page);
            firstPageServed.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
    }
}

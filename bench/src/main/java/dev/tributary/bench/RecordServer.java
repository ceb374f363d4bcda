package dev.tributary.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback server paging {@code total} Stripe-sized records (about 1 KB of JSON each) at
 * {@code /records?after=N&limit=L}. With a request limit it answers 429 with {@code Retry-After: 1} once its own token
 * bucket (the limit per second, burst 5) is empty.
 */
final class RecordServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final long total;
    private final double limit;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private double tokens = 5;
    private long lastRefill = System.nanoTime();

    RecordServer(long total, double requestsPerSecondLimit) throws IOException {
        this.total = total;
        this.limit = requestsPerSecondLimit;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/records", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/records");
    }

    long requests() {
        return requests.get();
    }

    long rejected() {
        return rejected.get();
    }

    private synchronized boolean admit() {
        if (limit <= 0) {
            return true;
        }
        long now = System.nanoTime();
        tokens = Math.min(5, tokens + (now - lastRefill) / 1e9 * limit);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        if (!admit()) {
            rejected.incrementAndGet();
            exchange.getResponseHeaders().add("Retry-After", "1");
            send(exchange, 429, "{\"error\":{\"type\":\"rate_limit_error\"}}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        long after = 0;
        int pageSize = 100;
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals("after")) {
                after = Long.parseLong(parts[1]);
            } else if (parts[0].equals("limit")) {
                pageSize = Integer.parseInt(parts[1]);
            }
        }
        long last = Math.min(total, after + pageSize);
        StringBuilder body = new StringBuilder(pageSize * 1100).append("{\"object\":\"list\",\"data\":[");
        for (long id = after + 1; id <= last; id++) {
            if (id > after + 1) {
                body.append(',');
            }
            SampleRecords.appendJson(body, id);
        }
        body.append("],\"has_more\":").append(last < total).append('}');
        send(exchange, 200, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

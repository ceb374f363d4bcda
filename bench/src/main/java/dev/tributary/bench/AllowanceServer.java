package dev.tributary.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback server shaped like Close's list API ({@code GET /api/v1/<object>/?_skip=S&_limit=L} answering
 * {@code {"data": [...], "has_more": ...}}) that enforces an allowance the way Close does: a fixed one-second
 * window of {@code allowance} requests per API key, every answer carrying
 * {@code RateLimit: limit=N, remaining=R, reset=T}, and 429 with {@code rate_reset} beyond it. Each answer takes
 * {@code latency} first, like a real API's processing time, so one entity alone cannot use a large allowance.
 *
 * <p>{@code sizes} gives the number of records of each list path (e.g. {@code "lead/" -> 25000}); any other path
 * answers an empty list. Records are about 1 KB, ordered by their dates.
 */
final class AllowanceServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final Map<String, Long> sizes;
    private final int allowance;
    private final Duration latency;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private long window = -1;
    private int used;

    AllowanceServer(Map<String, Long> sizes, int allowance, Duration latency) throws IOException {
        this.sizes = Map.copyOf(sizes);
        this.allowance = allowance;
        this.latency = latency;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(threads);
        server.createContext("/api/v1/", this::handle);
        server.start();
    }

    /** The base URL to configure as the connector's {@code api_base_url}. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/");
    }

    long accepted() {
        return accepted.get();
    }

    long rejected() {
        return rejected.get();
    }

    /** Counts the request in the current one-second window; returns the requests left, negative when over. */
    private synchronized int admit(long nowNanos) {
        long current = nowNanos / 1_000_000_000L;
        if (current != window) {
            window = current;
            used = 0;
        }
        used++;
        return allowance - used;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long now = System.nanoTime();
        int remaining = admit(now);
        double reset = (1_000_000_000L - now % 1_000_000_000L) / 1e9;
        String resetText = String.format(Locale.ROOT, "%.3f", reset);
        exchange.getResponseHeaders().add("RateLimit", "limit=" + allowance + ", remaining=" + Math.max(0, remaining)
                + ", reset=" + resetText);
        if (remaining < 0) {
            rejected.incrementAndGet();
            send(exchange, 429, ("{\"error\":{\"rate_reset\":" + resetText + ",\"message\":\"API call count exceeded"
                    + " for this 1 second window\",\"rate_limit\":" + allowance + ",\"rate_window\":1}}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        accepted.incrementAndGet();
        String path = exchange.getRequestURI().getPath().substring("/api/v1/".length());
        long skip = 0;
        int limit = 100;
        String query = exchange.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals("_skip")) {
                skip = Long.parseLong(parts[1]);
            } else if (parts[0].equals("_limit")) {
                limit = Integer.parseInt(parts[1]);
            }
        }
        long total = sizes.getOrDefault(path, 0L);
        long last = Math.min(total, skip + limit);
        String prefix = path.replace("/", "");
        StringBuilder body = new StringBuilder((int) Math.max(0, last - skip) * 1100).append("{\"data\":[");
        for (long n = skip + 1; n <= last; n++) {
            if (n > skip + 1) {
                body.append(',');
            }
            appendRecord(body, prefix, n);
        }
        body.append("],\"has_more\":").append(last < total).append('}');
        send(exchange, 200, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void appendRecord(StringBuilder out, String prefix, long n) {
        String date = java.time.Instant.ofEpochSecond(1_600_000_000L + n).toString();
        out.append("{\"id\":\"").append(prefix).append('_').append(n).append("\",\"date_created\":\"").append(date)
                .append("\",\"date_updated\":\"").append(date).append("\",\"display_name\":\"Record ").append(n)
                .append("\",\"description\":\"").append("x".repeat(900)).append("\"}");
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

package dev.tributary.connect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Stripe-compatible list API on loopback that never ends (every page says {@code has_more}) and records when each
 * request arrived, so a test can measure the request rate a client really sends. {@code /v1/events} is always empty.
 */
final class CountingStripe implements AutoCloseable {

    /** One request: when it arrived (ms since the server started) and its resource ({@code customers}, ...). */
    record Hit(long atMillis, String resource) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final ConcurrentLinkedQueue<Hit> hits = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final long started = System.nanoTime();

    CountingStripe() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /** The base URL to give the Stripe connector as {@code api_base_url}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests so far, in arrival order. */
    List<Hit> hits() {
        return List.copyOf(hits);
    }

    /** The resources requested so far. */
    Set<String> resources() {
        Set<String> resources = new TreeSet<>();
        hits.forEach(hit -> resources.add(hit.resource()));
        return resources;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String resource = exchange.getRequestURI().getPath().substring("/v1/".length());
        hits.add(new Hit((System.nanoTime() - started) / 1_000_000, resource));
        String body;
        if (resource.equals("events")) {
            body = "{\"object\":\"list\",\"data\":[],\"has_more\":false,\"url\":\"/v1/events\"}";
        } else {
            long id = ids.incrementAndGet();
            body = "{\"object\":\"list\",\"has_more\":true,\"url\":\"/v1/" + resource + "\",\"data\":[{\"id\":\"x_"
                    + id + "\",\"object\":\"" + resource + "\",\"created\":" + (1_700_000_000L - id) + "}]}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-Id", "req_" + hits.size());
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

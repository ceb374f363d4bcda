package dev.tributary.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP/1.1 server on the loopback interface for connector tests, built on the JDK's own
 * {@code com.sun.net.httpserver}, so a connector's tests need no extra library whatever HTTP client it uses.
 *
 * <p>Answer requests either from a queue ({@link #enqueue(FakeResponse)}, in order, like OkHttp's MockWebServer)
 * or with a function of the request ({@link #dispatch(Function)}, for servers that page or filter the way the real
 * API does). Every request is recorded for {@link #takeRequest()}. An unexpected request is answered with
 * {@code 500} and a body saying so, which the connector under test should report as a failure.
 *
 * <pre>{@code
 * try (FakeHttpServer server = FakeHttpServer.start()) {
 *     server.enqueue(FakeResponse.jsonResource(getClass(), "/fixtures/acme/customers.json"));
 *     ... configure the connector with server.url("/").toString() and fetch ...
 *     assertThat(server.takeRequest().queryParameter("limit")).contains("100");
 * }
 * }</pre>
 *
 * <p>Requests are served one at a time on the server's single dispatcher thread. Thread-safe.
 */
public final class FakeHttpServer implements AutoCloseable {

    private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(10);

    private final HttpServer server;
    private final BlockingQueue<FakeResponse> queue = new LinkedBlockingQueue<>();
    private final BlockingQueue<RecordedRequest> received = new LinkedBlockingQueue<>();
    private final List<RecordedRequest> all = new ArrayList<>();
    private volatile Function<RecordedRequest, FakeResponse> dispatcher;

    private FakeHttpServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts a server on a free port of {@code 127.0.0.1}.
     *
     * @throws UncheckedIOException when no port can be bound
     */
    public static FakeHttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeHttpServer fake = new FakeHttpServer(http);
            http.createContext("/", fake::handle);
            http.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port for the fake HTTP server", e);
        }
    }

    /** The absolute URL of {@code path} on this server, e.g. {@code url("/v1/customers")}. */
    public URI url(String path) {
        String relative = path.startsWith("/") ? path : "/" + path;
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port() + relative);
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Queues a response for the next request that no dispatcher answers. */
    public FakeHttpServer enqueue(FakeResponse response) {
        queue.add(Objects.requireNonNull(response, "response"));
        return this;
    }

    /** Answers every following request with {@code responder}; queued responses are no longer used. */
    public FakeHttpServer dispatch(Function<RecordedRequest, FakeResponse> responder) {
        this.dispatcher = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * The oldest request not yet taken, waiting up to ten seconds for it.
     *
     * @throws AssertionError when none arrives in time
     */
    public RecordedRequest takeRequest() {
        try {
            RecordedRequest request = received.poll(TAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (request == null) {
                throw new AssertionError("no request reached the fake server within " + TAKE_TIMEOUT);
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a request", e);
        }
    }

    /** How many requests the server has received. */
    public synchronized int requestCount() {
        return all.size();
    }

    /** Every request received so far, oldest first, whether taken or not. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(all);
    }

    /** Stops the server at once, closing open connections. */
    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RecordedRequest request = record(exchange);
            FakeResponse response = respond(request);
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            boolean empty = body.length == 0 || request.method().equals("HEAD") || response.status() == 204;
            exchange.sendResponseHeaders(response.status(), empty ? -1 : body.length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private RecordedRequest record(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI(),
                headers, body);
        synchronized (this) {
            all.add(request);
        }
        received.add(request);
        return request;
    }

    private FakeResponse respond(RecordedRequest request) {
        Function<RecordedRequest, FakeResponse> current = dispatcher;
        try {
            if (current != null) {
                return Objects.requireNonNull(current.apply(request), "the dispatcher returned null");
            }
            FakeResponse queued = queue.poll();
            return queued != null ? queued : FakeResponse.json(500, "{\"error\":\"FakeHttpServer: no response "
                    + "queued for " + request.method() + " " + request.uri() + "\"}");
        } catch (RuntimeException e) {
            return FakeResponse.json(500, "{\"error\":\"FakeHttpServer: the dispatcher failed on "
                    + request.method() + " " + request.uri() + ": " + e.getClass().getSimpleName() + "\"}");
        }
    }
}

package dev.tributary.connect;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An offline Stripe on loopback serving {@code GET /v1/customers} in Stripe's wire format
 * ({@code fixtures/stripe/API-NOTES.md}): the list envelope, newest first, {@code limit} (1–100),
 * {@code starting_after} and {@code created[gte]}; {@code /v1/events} is an empty list. The customers are copies of
 * the fixture {@code customer.json} with their own id, e-mail, name, balance, {@code created} and address city, plus
 * one field the Stripe connector does not declare. Each customer's JSON is serialised once, so the server is cheap
 * next to its clients (benchmarks use it too). Needs a Bearer key, any key.
 */
final class FixtureStripe implements AutoCloseable {

    /** The undeclared field every customer carries. */
    static final String UNDECLARED_FIELD = "tributary_field_from_the_future";
    /** The {@code created} time of the oldest customer, epoch seconds. */
    static final long FIRST_CREATED = 1_704_067_200L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Map<String, Object>> customers;
    /** Newest first, as Stripe lists them. */
    private final List<String> newestFirst = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<byte[]> json = new ArrayList<>();

    FixtureStripe(int count) throws IOException {
        Map<String, Object> fixture;
        try (InputStream in = FixtureStripe.class.getResourceAsStream("/fixtures/stripe/customer.json")) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /fixtures/stripe/customer.json");
            }
            fixture = JSON.readValue(in, new TypeReference<>() { });
        }
        List<Map<String, Object>> made = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            Map<String, Object> customer = JSON.convertValue(fixture, new TypeReference<LinkedHashMap<String, Object>>() { });
            customer.put("id", id(i));
            customer.put("email", "customer" + i + "@example.com");
            customer.put("name", "Customer " + i);
            customer.put("balance", (i % 7 == 0 ? -1 : 1) * i * 100L);
            customer.put("created", FIRST_CREATED + i);
            customer.put("delinquent", i % 3 == 0);
            @SuppressWarnings("unchecked")
            Map<String, Object> address = (Map<String, Object>) customer.get("address");
            address.put("city", "City " + i);
            address.put("country", i % 2 == 0 ? "FR" : "DE");
            customer.put(UNDECLARED_FIELD, Map.of("introduced_in", "2027-01-01.future", "n", i));
            made.add(customer);
        }
        customers = List.copyOf(made);
        for (int i = count - 1; i >= 0; i--) {
            Map<String, Object> customer = customers.get(i);
            index.put((String) customer.get("id"), newestFirst.size());
            newestFirst.add((String) customer.get("id"));
            json.add(JSON.writeValueAsBytes(customer));
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /** The id of the {@code n}th customer (1-based, oldest first). */
    static String id(int n) {
        return String.format("cus_%06d", n);
    }

    /** The customers as served, oldest first (each a JSON-compatible map). */
    List<Map<String, Object>> customers() {
        return customers;
    }

    /** The base URL to give the Stripe connector as {@code api_base_url}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ")) {
                send(exchange, 401, ("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No API key "
                        + "provided.\"}}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            String resource = exchange.getRequestURI().getPath().substring("/v1/".length());
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (resource.equals("events")) {
                send(exchange, 200, "{\"object\":\"list\",\"data\":[],\"has_more\":false,\"url\":\"/v1/events\"}"
                        .getBytes(StandardCharsets.UTF_8));
            } else if (resource.equals("customers")) {
                send(exchange, 200, page(query));
            } else {
                send(exchange, 404, ("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unrecognized "
                        + "request URL (GET: /v1/" + resource + ").\"}}").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private byte[] page(Map<String, String> query) {
        int limit = Math.max(1, Math.min(100, Integer.parseInt(query.getOrDefault("limit", "10"))));
        long createdFrom = Long.parseLong(query.getOrDefault("created[gte]", "0"));
        int from = 0;
        if (query.containsKey("starting_after")) {
            Integer at = index.get(query.get("starting_after"));
            from = at == null ? newestFirst.size() : at + 1;
        }
        StringBuilder body = new StringBuilder("{\"object\":\"list\",\"url\":\"/v1/customers\",\"data\":[");
        int to = from;
        int served = 0;
        while (to < newestFirst.size() && served < limit) {
            if (created(to) >= createdFrom) {
                if (served > 0) {
                    body.append(',');
                }
                body.append(new String(json.get(to), StandardCharsets.UTF_8));
                served++;
            }
            to++;
        }
        boolean more = false;
        for (int i = to; i < newestFirst.size() && !more; i++) {
            more = created(i) >= createdFrom;
        }
        return body.append("],\"has_more\":").append(more).append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The created time of the customer at position {@code i} of the newest-first list. */
    private long created(int i) {
        return FIRST_CREATED + newestFirst.size() - i;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-Id", "req_fixture");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

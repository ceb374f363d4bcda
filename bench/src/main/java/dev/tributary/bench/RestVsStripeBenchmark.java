package dev.tributary.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tributary.connector.rest.RestConnector;
import dev.tributary.connector.stripe.StripeConnector;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.FetchOptions;
import dev.tributary.testkit.FakeConnectorContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records per second through the declarative {@code rest} connector configured for Stripe's {@code starting_after}
 * cursor versus the hand-written {@code stripe} connector, both fetching {@code customers} from the same
 * Stripe-compatible loopback server (pages of 100 customers of about 1 KB each). Measures the connectors alone (no
 * destination, no sync engine): one warm-up each, then seven alternating rounds; medians are printed.
 *
 * <p>Usage: {@code bench/rest-vs-stripe.sh [records]} (default 50,000).
 */
public final class RestVsStripeBenchmark {

    private static final int ROUNDS = 7;

    private RestVsStripeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        try (StripeListServer server = new StripeListServer(total)) {
            Map<String, Object> stripe = Map.of("api_key", "sk_test_bench", "api_base_url", server.url());
            Map<String, Object> rest = Map.of("base_url", server.url() + "/v1",
                    "auth", Map.of("type", "bearer", "token", "sk_test_bench"),
                    "requests_per_second", 100_000,
                    "resources", List.of(Map.of("name", "customers", "path", "/customers", "records", "data",
                            "paginator", Map.of("type", "cursor", "cursor_param", "starting_after",
                                    "cursor_record_field", "id", "has_more_path", "has_more",
                                    "page_size_param", "limit", "page_size", 100))));
            run(StripeConnector::new, stripe, total);
            run(RestConnector::new, rest, total);
            double[] stripeRates = new double[ROUNDS];
            double[] restRates = new double[ROUNDS];
            double[] ratios = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) { // alternating, so machine load hits both alike
                stripeRates[round] = run(StripeConnector::new, stripe, total);
                restRates[round] = run(RestConnector::new, rest, total);
                ratios[round] = restRates[round] / stripeRates[round];
            }
            System.out.printf("customers: %,d records of ~1 KB, pages of 100, loopback, median of %d rounds%n",
                    total, ROUNDS);
            System.out.printf("stripe connector: %,.0f records/s%n", median(stripeRates));
            System.out.printf("rest connector:   %,.0f records/s%n", median(restRates));
            System.out.printf("ratio rest/stripe: %.2f (per round %.2f to %.2f)%n", median(ratios),
                    Arrays.stream(ratios).min().orElseThrow(), Arrays.stream(ratios).max().orElseThrow());
        }
    }

    private interface Factory {
        BaseConnector create();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double run(Factory factory, Map<String, Object> config, int total) {
        AtomicLong records = new AtomicLong();
        long start = System.nanoTime();
        try (BaseConnector connector = factory.create()) {
            connector.initialize(FakeConnectorContext.of(connector, config));
            connector.fetchEntity(FetchOptions.builder("customers").batchSize(100)
                    .onBatch(batch -> records.addAndGet(batch.records().size())).build());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (records.get() != total) {
            throw new IllegalStateException("expected " + total + " records, got " + records.get());
        }
        return total / seconds;
    }

    /** {@code /v1/customers?limit&starting_after} and an empty {@code /v1/events}, in Stripe's list format. */
    private static final class StripeListServer implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(2);
        private final int total;
        private final String filler = "x".repeat(700);

        StripeListServer(int total) throws IOException {
            this.total = total;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.setExecutor(threads);
            server.createContext("/v1/customers", this::customers);
            server.createContext("/v1/events", exchange -> send(exchange,
                    "{\"object\":\"list\",\"url\":\"/v1/events\",\"has_more\":false,\"data\":[]}"));
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void customers(HttpExchange exchange) throws IOException {
            String query = exchange.getRequestURI().getRawQuery();
            int limit = 10;
            int after = 0;
            for (String pair : query == null ? new String[0] : query.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("limit")) {
                    limit = Integer.parseInt(kv[1]);
                } else if (kv[0].equals("starting_after")) {
                    after = Integer.parseInt(kv[1].substring("cus_".length()));
                }
            }
            int to = Math.min(total, after + limit);
            StringBuilder body = new StringBuilder(limit * 1000).append("{\"object\":\"list\",\"url\":")
                    .append("\"/v1/customers\",\"has_more\":").append(to < total).append(",\"data\":[");
            for (int id = after + 1; id <= to; id++) {
                body.append(id > after + 1 ? "," : "").append("{\"id\":\"cus_").append(id)
                        .append("\",\"object\":\"customer\",\"created\":").append(1_700_000_000L + id)
                        .append(",\"email\":\"c").append(id).append("@example.com\",\"balance\":0,")
                        .append("\"currency\":\"usd\",\"livemode\":false,\"metadata\":{},\"description\":\"")
                        .append(filler).append("\"}");
            }
            send(exchange, body.append("]}").toString());
        }

        private static void send(HttpExchange exchange, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}

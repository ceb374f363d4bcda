package dev.tributary.connector.stripe;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An offline Stripe on loopback (JDK {@link HttpServer}) that speaks the wire format described in
 * {@code fixtures/stripe/API-NOTES.md}: the list envelope, newest-first order, {@code limit} 1–100,
 * {@code starting_after}/{@code ending_before} cursors, {@code created[gte|gt|lte|lt]}, subscriptions hiding canceled
 * ones unless {@code status=all}, {@code GET /v1/events} with {@code types[n]}/{@code type} filters and 30-day
 * retention, Bearer or Basic auth, error bodies and a {@code Request-Id} on every response. Objects are copies of the
 * fixture objects with new ids and {@code created} times, plus one field stripe-java does not know. Every mutation
 * records the event Stripe would send. Time only moves when a test calls {@link #advance(Duration)}.
 *
 * <p>Thread-safe (one lock); tests mutate it between connector runs.
 */
final class FakeStripe implements AutoCloseable {

    static final String API_VERSION = "2026-07-29.dahlia";
    static final String UNKNOWN_FIELD = "tributary_field_from_the_future";
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    /** The resources the fake serves, with their fixture file, id prefix and event type prefix. */
    enum Resource {
        CUSTOMERS("customers", "customer", "cus", "customer"),
        SUBSCRIPTIONS("subscriptions", "subscription", "sub", "customer.subscription"),
        CHARGES("charges", "charge", "ch", "charge"),
        INVOICES("invoices", "invoice", "in", "invoice"),
        PRODUCTS("products", "product", "prod", "product"),
        PLANS("plans", "plan", "plan", "plan"),
        PRICES("prices", "price", "price", "price");

        final String path;
        final String object;
        final String idPrefix;
        final String eventPrefix;

        Resource(String path, String object, String idPrefix, String eventPrefix) {
            this.path = path;
            this.object = object;
            this.idPrefix = idPrefix;
            this.eventPrefix = eventPrefix;
        }

        String createdEventType() {
            return this == CHARGES ? "charge.succeeded" : eventPrefix + ".created";
        }
    }

    /** What a client sent. */
    record ReceivedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers) {
        List<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }
    }

    private final HttpServer server;
    private final String apiKey;
    private final Map<Resource, Map<String, FakeEntry>> live = new LinkedHashMap<>();
    private final Map<String, FakeEntry> everCreated = new LinkedHashMap<>();
    private final List<FakeEntry> events = new ArrayList<>();
    private final Map<Resource, JsonObject> templates = new LinkedHashMap<>();
    private final Deque<Map.Entry<String, CannedResponse>> canned = new ArrayDeque<>();
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private Instant now;
    private long sequence;
    private long requestCount;

    private FakeStripe(String apiKey, int port, Instant start) throws IOException {
        this.apiKey = apiKey;
        this.now = start;
        for (Resource resource : Resource.values()) {
            live.put(resource, new LinkedHashMap<>());
            templates.put(resource, fixture(resource.object + ".json").getAsJsonObject());
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a fake that accepts only {@code apiKey}. */
    static FakeStripe start(String apiKey) {
        return start(apiKey, 0, Instant.parse("2026-11-01T00:00:00Z"));
    }

    /** Starts a fake that accepts only {@code apiKey}, on the given loopback port (0: any), its clock at start. */
    static FakeStripe start(String apiKey, int port, Instant start) {
        try {
            return new FakeStripe(apiKey, port, start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture file from {@code src/test/resources/fixtures/stripe/}, parsed. */
    static JsonElement fixture(String name) {
        try (InputStream in = FakeStripe.class.getResourceAsStream("/fixtures/stripe/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    synchronized Instant now() {
        return now;
    }

    synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Moves the clock forward to {@code time}, if it is later. */
    synchronized void advanceTo(Instant time) {
        if (time.isAfter(now)) {
            now = time;
        }
    }

    /** Creates an object of the resource from its fixture, with a fresh id and {@code created = now}. */
    synchronized JsonObject create(Resource resource) {
        long seq = ++sequence;
        String id = String.format(Locale.ROOT, "%s_%08d", resource.idPrefix, seq);
        JsonObject json = templates.get(resource).deepCopy();
        json.addProperty("id", id);
        json.addProperty("created", now.getEpochSecond());
        JsonObject future = new JsonObject();
        future.addProperty("introduced_in", "2027-01-01.future");
        future.add("value", com.google.gson.JsonNull.INSTANCE);
        json.add(UNKNOWN_FIELD, future);
        FakeEntry stored = new FakeEntry(id, now.getEpochSecond(), seq, json);
        live.get(resource).put(id, stored);
        everCreated.put(id, stored);
        recordEvent(resource.createdEventType(), json, null);
        return json.deepCopy();
    }

    /** Sets one top-level field and records the {@code *.updated} event with {@code previous_attributes}. */
    synchronized void update(Resource resource, String id, String field, String value) {
        JsonObject json = liveObject(resource, id);
        JsonObject previous = new JsonObject();
        previous.add(field, json.has(field) ? json.get(field).deepCopy() : com.google.gson.JsonNull.INSTANCE);
        json.addProperty(field, value);
        recordEvent(resource.eventPrefix + ".updated", json, previous);
    }

    /** Deletes the object (it disappears from lists) and records the {@code *.deleted} event. */
    synchronized void delete(Resource resource, String id) {
        JsonObject json = liveObject(resource, id);
        live.get(resource).remove(id);
        JsonObject snapshot = json.deepCopy();
        snapshot.addProperty("deleted", true);
        recordEvent(resource.eventPrefix + ".deleted", snapshot, null);
    }

    /** Cancels a subscription: it stays, with status canceled, and Stripe sends customer.subscription.deleted. */
    synchronized void cancelSubscription(String id) {
        JsonObject json = liveObject(Resource.SUBSCRIPTIONS, id);
        json.addProperty("status", "canceled");
        json.addProperty("canceled_at", now.getEpochSecond());
        recordEvent("customer.subscription.deleted", json, null);
    }

    /** Forgets every event, as if Stripe had pruned them. */
    synchronized void pruneAllEvents() {
        events.clear();
    }

    /** The objects a complete, correct sync of the resource must hold, by id. */
    synchronized Map<String, JsonObject> state(Resource resource) {
        Map<String, JsonObject> copy = new LinkedHashMap<>();
        live.get(resource).forEach((id, stored) -> copy.put(id, stored.json().deepCopy()));
        return copy;
    }

    synchronized List<String> ids(Resource resource) {
        return new ArrayList<>(live.get(resource).keySet());
    }

    /** Answers the next request whose path starts with {@code pathPrefix} with this response instead. */
    synchronized void failNext(String pathPrefix, int status, Map<String, String> headers, String body) {
        canned.add(Map.entry(pathPrefix, new CannedResponse(status, headers, body)));
    }

    /** Answers the next request to the path with one of the error bodies of {@code example_errors.json}. */
    void failNextWithExample(String pathPrefix, int status, String example, Map<String, String> headers) {
        String body = GSON.toJson(fixture("example_errors.json").getAsJsonObject().get(example));
        failNext(pathPrefix, status, headers, body);
    }

    List<ReceivedRequest> requests() {
        return List.copyOf(received);
    }

    List<ReceivedRequest> requests(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private JsonObject liveObject(Resource resource, String id) {
        FakeEntry stored = live.get(resource).get(id);
        if (stored == null) {
            throw new IllegalArgumentException("no live " + resource + " " + id);
        }
        return stored.json();
    }

    private void recordEvent(String type, JsonObject object, JsonObject previous) {
        long seq = ++sequence;
        String id = String.format(Locale.ROOT, "evt_%08d", seq);
        JsonObject event = new JsonObject();
        event.addProperty("id", id);
        event.addProperty("object", "event");
        event.addProperty("api_version", API_VERSION);
        event.addProperty("created", now.getEpochSecond());
        JsonObject data = new JsonObject();
        data.add("object", object.deepCopy());
        if (previous != null) {
            data.add("previous_attributes", previous);
        }
        event.add("data", data);
        event.addProperty("livemode", false);
        event.addProperty("pending_webhooks", 0);
        JsonObject request = new JsonObject();
        request.add("id", com.google.gson.JsonNull.INSTANCE);
        request.add("idempotency_key", com.google.gson.JsonNull.INSTANCE);
        event.add("request", request);
        event.addProperty("type", type);
        events.add(new FakeEntry(id, now.getEpochSecond(), seq, event));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            received.add(new ReceivedRequest(exchange.getRequestMethod(), path, rawQuery == null ? "" : rawQuery,
                    Map.copyOf(exchange.getRequestHeaders())));
            CannedResponse response = respond(exchange.getRequestMethod(), path, rawQuery,
                    exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            synchronized (this) {
                exchange.getResponseHeaders().set("Request-Id", "req_" + (++requestCount));
            }
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private synchronized CannedResponse respond(String method, String path, String rawQuery, String authorization) {
        for (var it = canned.iterator(); it.hasNext(); ) {
            Map.Entry<String, CannedResponse> entry = it.next();
            if (path.startsWith(entry.getKey())) {
                it.remove();
                return entry.getValue();
            }
        }
        Optional<CannedResponse> denied = authenticate(authorization);
        if (denied.isPresent()) {
            return denied.get();
        }
        if (!method.equals("GET") || !path.startsWith("/v1/")) {
            return FakeListing.error(404, "invalid_request_error", null, null,
                    "Unrecognized request URL (" + method + ": " + path + ").");
        }
        Map<String, List<String>> params = FakeListing.parseQuery(rawQuery);
        String name = path.substring("/v1/".length());
        if (name.equals("events")) {
            return listEvents(params);
        }
        for (Resource resource : Resource.values()) {
            if (resource.path.equals(name)) {
                return listObjects(resource, params);
            }
        }
        return FakeListing.error(404, "invalid_request_error", null, null,
                "Unrecognized request URL (GET: " + path + ").");
    }

    private Optional<CannedResponse> authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(example(401, "401_no_key"));
        }
        String key;
        if (authorization.startsWith("Bearer ")) {
            key = authorization.substring("Bearer ".length());
        } else if (authorization.startsWith("Basic ")) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
            key = decoded.endsWith(":") ? decoded.substring(0, decoded.length() - 1) : decoded;
        } else {
            return Optional.of(example(401, "401_no_key"));
        }
        if (!key.equals(apiKey)) {
            String last4 = key.length() > 4 ? key.substring(key.length() - 4) : key;
            return Optional.of(FakeListing.error(401, "invalid_request_error", null, null,
                    "Invalid API Key provided: " + key.substring(0, Math.min(8, key.length())) + "****" + last4));
        }
        return Optional.empty();
    }

    private CannedResponse listObjects(Resource resource, Map<String, List<String>> params) {
        Predicate<FakeEntry> filter = FakeListing.createdFilter(params);
        if (resource == Resource.SUBSCRIPTIONS) {
            String status = FakeListing.first(params, "status").orElse(null);
            Predicate<FakeEntry> byStatus = stored -> {
                String actual = stored.json().get("status").getAsString();
                if (status == null) {
                    return !actual.equals("canceled");
                }
                return status.equals("all") || status.equals(actual)
                        || status.equals("ended") && (actual.equals("canceled") || actual.equals("incomplete_expired"));
            };
            filter = filter.and(byStatus);
        }
        return FakeListing.page("/v1/" + resource.path, new ArrayList<>(live.get(resource).values()), filter,
                params, everCreated::get);
    }

    private CannedResponse listEvents(Map<String, List<String>> params) {
        long oldestKept = now.minus(Duration.ofDays(30)).getEpochSecond();
        List<FakeEntry> kept = events.stream().filter(e -> e.created() >= oldestKept).toList();
        List<String> types = new ArrayList<>();
        params.forEach((key, values) -> {
            if (key.equals("types[]") || key.matches("types\\[\\d+]")) {
                types.addAll(values);
            }
        });
        Optional<String> type = FakeListing.first(params, "type");
        if (type.isPresent() && !types.isEmpty()) {
            return FakeListing.error(400, "invalid_request_error", null, "type",
                    "You may only specify one of these parameters: type, types.");
        }
        if (types.size() > 20) {
            return FakeListing.error(400, "invalid_request_error", null, "types", "You may pass at most 20 types.");
        }
        Predicate<FakeEntry> filter = FakeListing.createdFilter(params).and(stored -> {
            String actual = stored.json().get("type").getAsString();
            if (type.isPresent()) {
                String wanted = type.get();
                return wanted.endsWith("*") ? actual.startsWith(wanted.substring(0, wanted.length() - 1))
                        : actual.equals(wanted);
            }
            return types.isEmpty() || types.contains(actual);
        });
        Map<String, FakeEntry> byId = new LinkedHashMap<>();
        kept.forEach(e -> byId.put(e.id(), e));
        return FakeListing.page("/v1/events", new ArrayList<>(kept), filter, params, byId::get);
    }

    private CannedResponse example(int status, String name) {
        return new CannedResponse(status, Map.of(),
                GSON.toJson(fixture("example_errors.json").getAsJsonObject().get(name)));
    }

    /** The JSON text of a value as the fake would send it (nulls kept). */
    static String toJson(Object value) {
        return GSON.toJson(value);
    }
}

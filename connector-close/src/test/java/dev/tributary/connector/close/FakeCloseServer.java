package dev.tributary.connector.close;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * An offline Close API on loopback, speaking Close's wire format: Basic auth with an API key, {@code _skip} /
 * {@code _limit} paging with {@code has_more}, a {@code _limit} cap of 100, an optional {@code max_skip} cap (400
 * with Close's wording), the date filters of {@code /lead/} (search query, minute precision), {@code
 * /opportunity/} ({@code date_updated__*}, {@code _order_by}) and {@code /activity/} ({@code date_created__*},
 * newest first), and {@code /me/}. Tests script faults (429, 5xx, ...) for requests matching a predicate and add
 * response headers such as {@code RateLimit}.
 *
 * <p>Thread-safe: MockWebServer dispatches on its own threads.
 */
final class FakeCloseServer implements AutoCloseable {

    static final String API_KEY = "canary-close-key-5b1e0d";
    static final String ORGANIZATION_ID = "orga_bwwWG475zqWiQGur0thQshwVXo8rIYecQHDWFanqhen";
    static final String ORGANIZATION_NAME = "Wayne Enterprises (Sample)";
    static final int LIMIT_CAP = 100;

    private static final Pattern LEAD_FROM = Pattern.compile("date_updated>=\"([^\"]+)\"");
    private static final Pattern LEAD_UNTIL = Pattern.compile("date_updated<=\"([^\"]+)\"");

    /** A scripted response for the requests a predicate selects, served {@code times} times. */
    private record Fault(Predicate<RecordedRequest> matches, MockResponse response, int[] remaining) {
    }

    private final MockWebServer server = new MockWebServer();
    private final Map<String, List<Map<String, Object>>> lists = new ConcurrentHashMap<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> extraHeaders = new ConcurrentHashMap<>();
    private volatile long maxSkip = Long.MAX_VALUE;
    private volatile List<Map<String, Object>> events = List.of();

    FakeCloseServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                try {
                    return withHeaders(answer(request));
                } catch (RuntimeException e) {
                    // A bug in the fake must show as a failed test, not as a client timeout.
                    return json(500, Map.of("error", "fake Close server failed: " + e));
                }
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** The base URL to configure as {@code api_base_url}. */
    String baseUrl() {
        return server.url("/api/v1/").toString();
    }

    /** Serves these records at the list endpoint (a path under {@code /api/v1/}, e.g. {@code lead/}). */
    FakeCloseServer list(String path, List<Map<String, Object>> records) {
        lists.put(path, List.copyOf(records));
        return this;
    }

    /**
     * Serves these events at {@code event/} (empty by default): filtered by {@code action} and
     * {@code date_updated__gte}, newest first, {@code _limit} pages linked by {@code cursor_next}.
     */
    FakeCloseServer events(List<Map<String, Object>> values) {
        this.events = List.copyOf(values);
        return this;
    }

    /** Refuses {@code _skip} above this value, as Close does for deep offsets. */
    FakeCloseServer maxSkip(long value) {
        this.maxSkip = value;
        return this;
    }

    /** Adds a header to every response. */
    FakeCloseServer header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    /** Answers the next {@code times} requests that {@code matches} selects with {@code response}. */
    FakeCloseServer fail(Predicate<RecordedRequest> matches, int times, MockResponse response) {
        faults.add(new Fault(matches, response, new int[] {times}));
        return this;
    }

    /** Every request received so far, in order. */
    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests to one endpoint. */
    List<HttpUrl> requestsTo(String path) {
        return requests.stream().map(RecordedRequest::getUrl)
                .filter(url -> url.encodedPath().equals("/api/v1/" + path)).toList();
    }

    /** Selects requests to {@code path} with the given {@code _skip}. */
    static Predicate<RecordedRequest> page(String path, long skip) {
        return request -> request.getUrl().encodedPath().equals("/api/v1/" + path)
                && String.valueOf(skip).equals(request.getUrl().queryParameter("_skip"));
    }

    static MockResponse json(int code, Object body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(CloseFixtures.json(body)).build();
    }

    private MockResponse withHeaders(MockResponse response) {
        MockResponse.Builder builder = response.newBuilder();
        extraHeaders.forEach(builder::setHeader);
        return builder.build();
    }

    private MockResponse answer(RecordedRequest request) {
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((API_KEY + ":").getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.getHeaders().get("Authorization"))) {
            return json(401, Map.of("error", "The API key you provided is invalid."));
        }
        for (Fault fault : faults) {
            synchronized (fault) {
                if (fault.remaining()[0] > 0 && fault.matches().test(request)) {
                    fault.remaining()[0]--;
                    return fault.response();
                }
            }
        }
        HttpUrl url = request.getUrl();
        String path = url.encodedPath();
        if (!path.startsWith("/api/v1/")) {
            return json(404, Map.of("error", "Not found"));
        }
        String relative = path.substring("/api/v1/".length());
        if (relative.equals("me/")) {
            return json(200, me());
        }
        if (relative.equals("event/")) {
            return eventPage(url);
        }
        List<Map<String, Object>> records = lists.get(relative);
        if (records == null) {
            return json(404, Map.of("error", "Not found"));
        }
        return page(relative, url, records);
    }

    private MockResponse page(String path, HttpUrl url, List<Map<String, Object>> all) {
        long skip = Long.parseLong(Optional.ofNullable(url.queryParameter("_skip")).orElse("0"));
        int limit = Integer.parseInt(Optional.ofNullable(url.queryParameter("_limit")).orElse("100"));
        if (limit > LIMIT_CAP) {
            return json(400, Map.of("error", "_limit must be at most " + LIMIT_CAP));
        }
        if (skip > maxSkip) {
            return json(400, Map.of("error", "Pagination is limited for this resource (max_skip = " + maxSkip
                    + "). Narrow your query with date filters instead."));
        }
        List<Map<String, Object>> selected = new ArrayList<>(all);
        switch (path) {
            case "lead/" -> leadSearch(url.queryParameter("query"), selected);
            case "opportunity/" -> {
                filter(selected, "date_updated", url);
                if ("date_updated".equals(url.queryParameter("_order_by"))) {
                    selected.sort(byDate("date_updated"));
                }
            }
            case "activity/" -> {
                filter(selected, "date_created", url);
                selected.sort(byDate("date_created").reversed());
            }
            default -> {
            }
        }
        int from = (int) Math.min(skip, selected.size());
        int to = Math.min(from + limit, selected.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("has_more", to < selected.size());
        if (path.equals("lead/") || path.equals("opportunity/")) {
            body.put("total_results", selected.size());
        }
        body.put("data", selected.subList(from, to));
        return json(200, body);
    }

    private MockResponse eventPage(HttpUrl url) {
        String action = url.queryParameter("action");
        // The cursor carries the offset and the date filter, which Close wants left out of cursor requests.
        String[] cursor = Optional.ofNullable(url.queryParameter("_cursor")).orElse("0|").split("\\|", -1);
        Optional<Instant> from = Optional.ofNullable(url.queryParameter("date_updated__gte"))
                .or(() -> Optional.of(cursor[1]).filter(text -> !text.isEmpty())).map(Instant::parse);
        List<Map<String, Object>> selected = new ArrayList<>(events.stream()
                .filter(event -> action == null || action.equals(event.get("action")))
                .filter(event -> from.isEmpty() || !CloseTimestamp.parse(event.get("date_updated")).orElseThrow()
                        .isBefore(from.get()))
                .toList());
        selected.sort(byDate("date_updated").reversed());
        int offset = Integer.parseInt(cursor[0]);
        int limit = Integer.parseInt(Optional.ofNullable(url.queryParameter("_limit")).orElse("50"));
        int to = Math.min(offset + limit, selected.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", selected.subList(Math.min(offset, selected.size()), to));
        body.put("cursor_next", to < selected.size() ? to + "|" + from.map(Instant::toString).orElse("") : null);
        body.put("cursor_previous", null);
        return json(200, body);
    }

    private static void leadSearch(String query, List<Map<String, Object>> selected) {
        if (query == null) {
            return;
        }
        Matcher from = LEAD_FROM.matcher(query);
        if (from.find()) {
            Instant bound = minute(from.group(1));
            selected.removeIf(lead -> date(lead, "date_updated").isBefore(bound));
        }
        Matcher until = LEAD_UNTIL.matcher(query);
        if (until.find()) {
            Instant bound = minute(until.group(1));
            selected.removeIf(lead -> date(lead, "date_updated").isAfter(bound));
        }
        if (query.contains("sort:date_updated")) {
            selected.sort(byDate("date_updated"));
        }
    }

    private static Instant minute(String text) {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }

    private static void filter(List<Map<String, Object>> selected, String field, HttpUrl url) {
        String gte = url.queryParameter(field + "__gte");
        if (gte != null) {
            Instant bound = CloseTimestamp.parse(gte).orElseThrow();
            selected.removeIf(record -> date(record, field).isBefore(bound));
        }
        String lte = url.queryParameter(field + "__lte");
        if (lte != null) {
            Instant bound = CloseTimestamp.parse(lte).orElseThrow();
            selected.removeIf(record -> date(record, field).isAfter(bound));
        }
    }

    private static Comparator<Map<String, Object>> byDate(String field) {
        return Comparator.<Map<String, Object>, Instant>comparing(record -> date(record, field))
                .thenComparing(record -> (String) record.get("id"));
    }

    /** A record's date; records without one sort first and fall outside every lower bound. */
    private static Instant date(Map<String, Object> record, String field) {
        return CloseTimestamp.parse(record.get(field)).orElse(Instant.MIN);
    }

    private static Map<String, Object> me() {
        Map<String, Object> me = new LinkedHashMap<>(CloseFixtures.object("user.json"));
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("id", ORGANIZATION_ID);
        organization.put("name", ORGANIZATION_NAME);
        me.put("organizations", List.of(organization));
        me.put("organization_id", ORGANIZATION_ID);
        return me;
    }

    @Override
    public void close() {
        server.close();
    }
}

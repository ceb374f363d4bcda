package dev.tributary.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import dev.tributary.testkit.FakeConnectorContext;
import dev.tributary.testkit.RecordingBatches;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rest connector against fake APIs on loopback: each paginator, auth, parent-child, and broken servers. */
class RestConnectorTest {

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private Function<RecordedRequest, MockResponse> api = request -> json(404, "{}");

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                synchronized (requests) {
                    requests.add(request);
                }
                return api.apply(request);
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static String items(int from, int to) {
        StringBuilder text = new StringBuilder("[");
        for (int id = from; id < to; id++) {
            text.append(id == from ? "" : ",").append("{\"id\":").append(id).append(",\"name\":\"n").append(id)
                    .append("\"}");
        }
        return text.append("]").toString();
    }

    private Map<String, Object> config(Map<String, Object> resource) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("base_url", server.url("/v1/").toString());
        config.put("resources", List.of(resource));
        return config;
    }

    private static List<Map<String, Object>> fetch(Map<String, Object> config, String entity, String state) {
        RecordingBatches batches = new RecordingBatches();
        try (RestConnector connector = new RestConnector()) {
            connector.initialize(FakeConnectorContext.of(connector, config));
            FetchOptions.Builder options = FetchOptions.builder(entity).batchSize(7).onBatch(batches);
            if (state != null) {
                options.resumeState(state);
            }
            connector.fetchEntity(options.build());
        }
        return batches.records();
    }

    private static List<Object> ids(List<Map<String, Object>> records) {
        return records.stream().map(record -> record.get("id")).toList();
    }

    @Test
    void cursorFromTheLastRecordLikeStripesStartingAfter() {
        api = request -> {
            String after = request.getUrl().queryParameter("starting_after");
            int from = after == null ? 1 : Integer.parseInt(after) + 1;
            int to = Math.min(from + 10, 46);
            return json(200, "{\"object\":\"list\",\"data\":" + items(from, to) + ",\"has_more\":" + (to < 46) + "}");
        };
        Map<String, Object> resource = Map.of("name", "customers", "path", "customers", "records", "data",
                "paginator", Map.of("type", "cursor", "cursor_param", "starting_after", "cursor_record_field", "id",
                        "has_more_path", "has_more", "page_size_param", "limit", "page_size", 10));

        List<Map<String, Object>> records = fetch(config(resource), "customers", null);

        assertThat(ids(records)).hasSize(45).doesNotHaveDuplicates().first().isEqualTo(1);
        assertThat(requests).hasSize(5);
        assertThat(requests.get(1).getUrl().queryParameter("limit")).isEqualTo("10");
    }

    @Test
    void linkHeaderIsFollowedAndAResumeStateContinuesExactly() {
        api = request -> {
            int page = Integer.parseInt(request.getUrl().queryParameter("page"));
            MockResponse.Builder response = new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", "application/json").body(items(page * 10 - 9, page * 10 + 1));
            if (page < 3) {
                response.addHeader("Link", "<" + server.url("/v1/issues?page=" + (page + 1)) + ">; rel=\"next\", <"
                        + server.url("/v1/issues?page=3") + ">; rel=\"last\"");
            }
            return response.build();
        };
        Map<String, Object> config = config(Map.of("name", "issues", "path", "issues", "params", Map.of("page", 1),
                "paginator", Map.of("type", "link_header")));
        RecordingBatches batches = new RecordingBatches();
        try (RestConnector connector = new RestConnector()) {
            connector.initialize(FakeConnectorContext.of(connector, config));
            connector.fetchEntity(FetchOptions.builder("issues").batchSize(7).onBatch(batches).build());
        }
        assertThat(ids(batches.records())).hasSize(30).doesNotHaveDuplicates();

        String third = batches.states().get(2);
        List<Map<String, Object>> resumed = fetch(config, "issues", third);
        List<Map<String, Object>> expected = new ArrayList<>(batches.records().subList(
                batches.batches().get(0).records().size() + batches.batches().get(1).records().size()
                        + batches.batches().get(2).records().size(), 30));
        assertThat(resumed).isEqualTo(expected);
    }

    @Test
    void offsetParentChildWritesTheParentKeyIntoChildRows() {
        api = request -> {
            HttpUrl url = request.getUrl();
            if (url.encodedPath().equals("/v1/posts")) {
                int offset = Integer.parseInt(url.queryParameter("offset"));
                return json(200, "{\"items\":" + items(offset + 1, Math.min(offset + 3, 5) + 1) + ",\"total\":5}");
            }
            String post = url.pathSegments().get(2);
            return json(200, "[{\"id\":\"" + post + "-a\"},{\"id\":\"" + post + "-b\"}]");
        };
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("base_url", server.url("/v1").toString());
        config.put("resources", List.of(
                Map.of("name", "posts", "path", "/posts", "records", "$.items",
                        "paginator", Map.of("type", "offset", "limit", 3, "total_path", "total")),
                Map.of("name", "comments", "path", "/posts/{id}/comments", "parent", "posts")));

        List<Map<String, Object>> comments = fetch(config, "comments", null);

        assertThat(comments).hasSize(10);
        assertThat(comments.get(0)).isEqualTo(Map.of("id", "1-a", "posts_id", 1));
        assertThat(comments.get(9)).isEqualTo(Map.of("id", "5-b", "posts_id", 5));
        assertThat(fetch(config, "comments", "{\"parent\":{\"paginator\":\"offset\",\"number\":3,\"skip\":0},"
                + "\"child\":null}")).extracting(record -> record.get("id")).containsExactly("4-a", "4-b", "5-a",
                "5-b");
    }

    @Test
    void aRepeatingPageFailsClearlyInsteadOfLooping() {
        api = request -> json(200, "{\"data\":" + items(1, 11) + ",\"next\":\"/v1/things?p=x\"}");
        Map<String, Object> config = config(Map.of("name", "things", "path", "things", "records", "data",
                "paginator", Map.of("type", "next_url", "next_url_path", "next")));

        assertThatThrownBy(() -> fetch(config, "things", null)).isInstanceOf(PermanentException.class)
                .hasMessageContaining("page 2 holds exactly the records of page 1")
                .hasMessageContaining("check the paginator settings");
        assertThat(requests).hasSize(2);
    }

    @Test
    void brokenResponsesFailWithTheRightKind() {
        Map<String, Object> config = config(Map.of("name", "things", "path", "things"));
        api = request -> new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html>login</html>").build();
        assertThatThrownBy(() -> fetch(config, "things", null)).isInstanceOf(PermanentException.class)
                .hasMessageContaining("HTML page instead of JSON");
        api = request -> new MockResponse.Builder().code(200).build();
        assertThatThrownBy(() -> fetch(config, "things", null)).isInstanceOf(TransientException.class)
                .hasMessageContaining("empty body");
        api = request -> json(429, "{}").newBuilder().addHeader("Retry-After", "7").build();
        assertThatThrownBy(() -> fetch(config, "things", null)).isInstanceOf(RateLimitedException.class);
        api = request -> json(503, "{}");
        assertThatThrownBy(() -> fetch(config, "things", null)).isInstanceOf(TransientException.class);
        api = request -> json(200, "{\"data\":[]}");
        assertThatThrownBy(() -> fetch(config, "things", null)).isInstanceOf(PermanentException.class)
                .hasMessageContaining("records path '$' holds an object, not an array");
    }

    @Test
    void aFortyMegabytePageIsRead() {
        StringBuilder body = new StringBuilder("[");
        String filler = "x".repeat(400);
        for (int id = 0; id < 100_000; id++) {
            body.append(id == 0 ? "" : ",").append("{\"id\":").append(id).append(",\"text\":\"").append(filler)
                    .append("\"}");
        }
        String page = body.append("]").toString();
        assertThat(page.length()).isGreaterThan(40_000_000);
        api = request -> json(200, page);

        assertThat(fetch(config(Map.of("name", "big", "path", "big")), "big", null)).hasSize(100_000);
    }

    @Test
    void oauth2TokenIsFetchedOnceAndRenewedAfterA401() {
        int[] tokens = {0};
        api = request -> {
            if (request.getUrl().encodedPath().equals("/oauth/token")) {
                assertThat(request.getBody().utf8()).contains("grant_type=client_credentials");
                tokens[0]++;
                return json(200, "{\"access_token\":\"tok" + tokens[0] + "\",\"expires_in\":3600}");
            }
            String auth = request.getHeaders().get("Authorization");
            int page = Integer.parseInt(request.getUrl().queryParameter("page"));
            if (page == 2 && "Bearer tok1".equals(auth)) {
                return json(401, "{\"error\":\"expired\"}");
            }
            return json(200, page > 3 ? "[]" : items(page * 10, page * 10 + 10));
        };
        Map<String, Object> config = config(Map.of("name", "things", "path", "things",
                "paginator", Map.of("type", "page_number", "page_param", "page")));
        config.put("auth", Map.of("type", "oauth2_client_credentials", "token_url",
                server.url("/oauth/token").toString(), "client_id", "id", "client_secret", "s3cret"));

        assertThat(fetch(config, "things", null)).hasSize(30);
        assertThat(tokens[0]).isEqualTo(2);
    }

    @Test
    void invalidDocumentsNameEveryKeyAndLocation() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("base_url", "not a url");
        config.put("resources", List.of(
                Map.of("name", "a", "path", "/a", "pagnator", Map.of()),
                Map.of("name", "b", "path", "/b", "paginator", Map.of("type", "cursor")),
                Map.of("name", "c", "path", "/a/{id}/c"),
                Map.of("name", "d", "path", "/d", "records", "data..items")));
        RestConnector connector = new RestConnector();

        assertThatThrownBy(() -> connector.initialize(FakeConnectorContext.of(connector, config)))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.getMessage()).contains("must be an absolute http or https URL")
                            .contains("'resources[0].pagnator': is not a known key")
                            .contains("'resources[1].paginator.cursor_param': is required")
                            .contains("'resources[1].paginator.cursor_path': or cursor_record_field is required")
                            .contains("'resources[2].path': uses {id} but no parent provides it")
                            .contains("'resources[3].records': 'data..items' is not a valid path");
                });
    }
}

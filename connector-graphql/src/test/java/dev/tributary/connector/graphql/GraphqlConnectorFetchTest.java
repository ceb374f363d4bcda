package dev.tributary.connector.graphql;

import static dev.tributary.connector.graphql.QueryConfigs.config;
import static dev.tributary.connector.graphql.QueryConfigs.cursorPeople;
import static dev.tributary.connector.graphql.QueryConfigs.offsetPeople;
import static dev.tributary.connector.graphql.QueryConfigs.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.connector.graphql.SwapiGraphqlServer.CannedResponse;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import dev.tributary.testkit.CountingRateLimiter;
import dev.tributary.testkit.FakeConnectorContext;
import dev.tributary.testkit.RecordingBatches;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GraphqlConnectorFetchTest {

    private static final String THROTTLED = "{\"errors\":[{\"message\":\"API rate limit exceeded\"}]}";

    private SwapiGraphqlServer server;
    private CountingRateLimiter limiter;
    private final List<GraphqlConnector> connectors = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = SwapiGraphqlServer.start();
        limiter = new CountingRateLimiter();
    }

    @AfterEach
    void stopServer() {
        connectors.forEach(GraphqlConnector::close);
        server.close();
    }

    private GraphqlConnector connector(Config config) {
        GraphqlConnector connector = new GraphqlConnector();
        connectors.add(connector);
        connector.initialize(new FakeConnectorContext(config, Settings.DEFAULTS, "test-graphql", limiter,
                System.getLogger("test-graphql")));
        return connector;
    }

    private GraphqlConnector connector(Map<String, Object> query) {
        return connector(config(server.endpoint(), query));
    }

    private RecordingBatches fetch(GraphqlConnector connector, int batchSize, Consumer<FetchOptions.Builder> tweak) {
        RecordingBatches batches = new RecordingBatches();
        FetchOptions.Builder options = FetchOptions.builder("people").batchSize(batchSize).onBatch(batches)
                .rateLimiter(limiter);
        tweak.accept(options);
        connector.fetchEntity(options.build());
        return batches;
    }

    private static List<String> ids(List<Map<String, Object>> records) {
        return records.stream().map(record -> String.valueOf(record.get("id"))).toList();
    }

    static Stream<Arguments> paginations() {
        return Stream.of(Arguments.of("cursor", cursorPeople()), Arguments.of("offset", offsetPeople()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paginations")
    void fetchesExactlyThe82PeopleInIdOrderWithTheGapsInIds(String mode, Map<String, Object> query) {
        RecordingBatches batches = fetch(connector(query), 10, options -> { });

        assertThat(batches.records()).hasSize(82);
        assertThat(ids(batches.records())).containsExactlyElementsOf(server.personIds())
                .doesNotContain("17").startsWith("1", "2", "3").endsWith("82", "83");
        assertThat(batches.records().get(0)).containsEntry("name", "Luke Skywalker").containsEntry("swapiId", 1)
                .containsEntry("height", 172);
        assertThat(server.requests()).hasSize(9);
        assertThat(limiter.acquired()).isEqualTo(server.requests().size());
    }

    @Test
    void cursorPagingSendsFirstThenTheEndCursorOfEachPageAndStopsOnHasNextPageFalse() {
        fetch(connector(cursorPeople()), 10, options -> { });

        List<Map<String, Object>> variables = server.variables();
        assertThat(variables.get(0)).isEqualTo(Map.of("first", 10));
        assertThat(variables.get(1)).isEqualTo(Map.of("first", 10, "after", "c2ltcGxlLWN1cnNvcjk="));
        assertThat(variables).hasSize(9);
        assertThat(server.requests().get(0)).doesNotContainKey("operationName")
                .containsEntry("query", QueryConfigs.CURSOR_PEOPLE);
    }

    @Test
    void offsetPagingMovesTheOffsetByTheItemsReceived() {
        fetch(connector(offsetPeople()), 10, options -> { });

        assertThat(server.variables()).extracting(variables -> variables.get("offset"))
                .containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80);
        assertThat(server.variables()).allSatisfy(variables -> assertThat(variables).containsEntry("limit", 10));
    }

    @Test
    void offsetPagingWithoutHasMoreStopsOnAShortPage() {
        Map<String, Object> query = with(with(offsetPeople(), "hasNextPagePath", null), "totalCountPath", null);

        RecordingBatches batches = fetch(connector(query), 10, options -> { });

        assertThat(batches.records()).hasSize(82);
        assertThat(server.requests()).hasSize(9);
    }

    @Test
    void sendsTheOperationNameAndFixedVariables() {
        Map<String, Object> query = with(with(cursorPeople(), "query", """
                query Ignored { rateLimit { remaining } }
                query People($first: Int!, $after: String, $order: PersonOrder) {
                  allPeople(first: $first, after: $after, orderBy: $order) {
                    totalCount pageInfo { hasNextPage endCursor } edges { node { id name } }
                  }
                }"""), "operationName", "People");
        query.put("variables", Map.of("order", "ID_DESC"));

        RecordingBatches batches = fetch(connector(query), 50, options -> { });

        assertThat(ids(batches.records())).startsWith("83", "82", "81").hasSize(82);
        assertThat(server.requests()).allSatisfy(body -> assertThat(body).containsEntry("operationName", "People"));
        assertThat(server.variables().get(1)).containsEntry("order", "ID_DESC").containsEntry("first", 50)
                .containsKey("after");
    }

    @Test
    void postsToTheEndpointExactlyAsConfiguredWithItsTrailingSlashAndQuery() {
        GraphqlConnector connector = connector(config(server.endpoint() + "/?tenant=rebels", cursorPeople()));

        fetch(connector, 50, options -> { });

        assertThat(server.requestTargets()).containsOnly("/graphql/?tenant=rebels").hasSize(2);
    }

    @Test
    void splitsPagesLargerThanTheBatchSizeAndReportsProgressAgainstTheTotal() {
        List<long[]> progress = new ArrayList<>();
        RecordingBatches batches = fetch(connector(with(cursorPeople(), "batchSize", 30)), 7, options ->
                options.onProgress((current, total) -> progress.add(new long[] {current, total.orElse(-1)})));

        assertThat(batches.batches()).allSatisfy(batch -> assertThat(batch.records().size()).isLessThanOrEqualTo(7));
        assertThat(batches.records()).hasSize(82);
        assertThat(server.variables()).extracting(variables -> variables.get("first")).containsOnly(30);
        assertThat(server.requests()).hasSize(3);
        assertThat(progress.get(progress.size() - 1)).containsExactly(82, 82);
    }

    static Stream<Arguments> resumablePaginations() {
        return Stream.of(
                Arguments.of("cursor, pages split into batches", with(cursorPeople(), "batchSize", 25), 10),
                Arguments.of("cursor, one batch per page", cursorPeople(), 20),
                Arguments.of("offset, pages split into batches", with(offsetPeople(), "batchSize", 25), 10),
                Arguments.of("offset, one batch per page", offsetPeople(), 20),
                Arguments.of("none, one response split into batches", with(with(with(with(offsetPeople(),
                        "pagination", "none"), "hasNextPagePath", null), "query",
                        "{ people(limit: 100) { totalCount hasMore items { id name } } }"), "totalCountPath", null),
                        30));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resumablePaginations")
    void resumingFromEveryIntermediateStateFetchesExactlyTheRemainingRecords(String mode, Map<String, Object> query,
            int batchSize) {
        GraphqlConnector connector = connector(query);
        RecordingBatches full = fetch(connector, batchSize, options -> { });
        assertThat(ids(full.records())).containsExactlyElementsOf(server.personIds());

        List<String> states = full.states();
        int delivered = 0;
        for (int i = 0; i < states.size(); i++) {
            delivered += full.batches().get(i).records().size();
            String state = states.get(i);
            RecordingBatches resumed = fetch(connector, batchSize, options -> options.resumeState(state));

            assertThat(ids(resumed.records())).as("resumed from state %d: %s", i, state)
                    .containsExactlyElementsOf(server.personIds().subList(delivered, 82));
        }
    }

    @Test
    void rejectsAResumeStateWrittenForAnotherPaginationMode() {
        String cursorState = fetch(connector(cursorPeople()), 10, options -> { }).states().get(0);

        assertThatThrownBy(() -> fetch(connector(offsetPeople()), 10, options -> options.resumeState(cursorState)))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("pagination 'cursor'").hasMessageContaining("full refresh");
    }

    @Test
    void http429WithRetryAfterBecomesRateLimitedAndResumingFinishesWithoutDuplicates() {
        GraphqlConnector connector = connector(cursorPeople());
        RecordingBatches first = new RecordingBatches();
        FetchOptions options = FetchOptions.builder("people").batchSize(10).rateLimiter(limiter).onBatch(batch -> {
            first.accept(batch);
            if (first.count() == 2) {
                server.enqueue(new CannedResponse(429, Map.of("Retry-After", "7"), THROTTLED));
            }
        }).build();

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> connector.fetchEntity(options));
        RecordingBatches rest = fetch(connector, 10, o -> o.resumeState(first.lastState().orElseThrow()));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.getMessage()).contains("429").contains("API rate limit exceeded");
        assertThat(first.records()).hasSize(20);
        List<Map<String, Object>> all = new ArrayList<>(first.records());
        all.addAll(rest.records());
        assertThat(ids(all)).containsExactlyElementsOf(server.personIds());
        assertThat(limiter.acquired()).isEqualTo(server.requests().size());
    }

    @Test
    void http503WithRetryAfterAndOther5xxAreTransient() {
        server.enqueue(new CannedResponse(503, Map.of("Retry-After", "3"), "upstream unavailable"));
        server.enqueue(new CannedResponse(502, Map.of(), "<html>bad gateway</html>"));
        GraphqlConnector connector = connector(cursorPeople());

        TransientException unavailable = catchThrowableOfType(TransientException.class,
                () -> fetch(connector, 10, options -> { }));
        TransientException badGateway = catchThrowableOfType(TransientException.class,
                () -> fetch(connector, 10, options -> { }));

        assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(unavailable.getMessage()).contains("503");
        assertThat(badGateway.getMessage()).contains("502");
    }

    @Test
    void aTruncatedJsonBodyIsTransient() {
        server.enqueue(new CannedResponse(200, Map.of(), "{\"data\":{\"allPeople\":{\"edges\":["));

        assertThatThrownBy(() -> fetch(connector(cursorPeople()), 10, options -> { }))
                .isInstanceOf(TransientException.class).hasMessageContaining("malformed JSON");
    }

    @Test
    void aBadRequestCarryingGraphqlErrorsIsPermanentAndQuotesThem() {
        server.enqueue(new CannedResponse(400, Map.of(), "{\"errors\":[{\"message\":\"Variable '$first' of "
                + "required type 'Int!' was not provided.\"}]}"));

        assertThatThrownBy(() -> fetch(connector(cursorPeople()), 10, options -> { }))
                .isInstanceOf(PermanentException.class).hasMessageContaining("400")
                .hasMessageContaining("Variable '$first' of required type 'Int!' was not provided.");
    }

    @Test
    void aResponseWithoutDataOrErrorsIsPermanent() {
        server.enqueue(new CannedResponse(200, Map.of(), "{\"data\":null}"));

        assertThatThrownBy(() -> fetch(connector(cursorPeople()), 10, options -> { }))
                .isInstanceOf(PermanentException.class).hasMessageContaining("neither data nor errors");
    }

    @Test
    void aDataPathThatIsNotAListIsPermanent() {
        // The document check cannot know that pageInfo is an object, not a list; the response tells.
        Map<String, Object> query = with(with(with(cursorPeople(), "dataPath", "allPeople.pageInfo"), "nodePath",
                null), "primaryKey", "endCursor");

        assertThatThrownBy(() -> fetch(connector(query), 10, options -> { }))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("dataPath 'allPeople.pageInfo' does not point at a list");
    }

    @Test
    void throttlingReportedAsAGraphqlErrorIsRateLimited() {
        server.enqueue(new CannedResponse(200, Map.of(), "{\"data\":null,\"errors\":[{\"message\":\"You have "
                + "exceeded a secondary rate limit\",\"extensions\":{\"code\":\"RATE_LIMITED\"}}]}"));

        assertThatThrownBy(() -> fetch(connector(cursorPeople()), 10, options -> { }))
                .isInstanceOf(RateLimitedException.class).hasMessageContaining("secondary rate limit");
    }

    @Test
    void unauthorizedIsAnAuthenticationFailureThatNeverQuotesTheHeaders() {
        server.requireHeader("Authorization", "Bearer right");
        Config config = QueryConfigs.configWithHeaders(server.endpoint(),
                Map.of("Authorization", "Bearer canary-token-91c2"), cursorPeople());

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> fetch(connector(config), 10, options -> { }));

        assertThat(e.getMessage()).contains("401").contains("Bad credentials").doesNotContain("canary-token-91c2");
        assertThat(server.requestHeaders().get(0)).containsEntry("authorization", "Bearer canary-token-91c2");
    }

    @Test
    void sendsTheConfiguredHeadersWithEveryRequest() {
        server.requireHeader("X-Api-Key", "k-123");
        Config config = QueryConfigs.configWithHeaders(server.endpoint(), Map.of("X-Api-Key", "k-123"),
                cursorPeople());

        RecordingBatches batches = fetch(connector(config), 40, options -> { });

        assertThat(batches.records()).hasSize(82);
        assertThat(server.requestHeaders()).allSatisfy(headers -> assertThat(headers)
                .containsEntry("x-api-key", "k-123").containsEntry("content-type", "application/json; charset=utf-8"));
    }

    @Test
    void graphqlErrorsFailTheEntityWithTheServersMessages() {
        Map<String, Object> query = with(cursorPeople(), "query", QueryConfigs.CURSOR_PEOPLE.replace("edited",
                "edited nope"));

        PermanentException e = catchThrowableOfType(PermanentException.class,
                () -> fetch(connector(query), 10, options -> { }));

        assertThat(e.getMessage()).contains("query 'people'", "GraphQL error", "nope", "Person");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void partialDataWithErrorsIsNotStored() {
        server.failBirthYearOf(5);
        Map<String, Object> query = with(cursorPeople(), "query", QueryConfigs.CURSOR_PEOPLE.replace("edited",
                "edited birthYear"));

        RecordingBatches delivered = new RecordingBatches();
        PermanentException e = catchThrowableOfType(PermanentException.class, () -> connector(query)
                .fetchEntity(FetchOptions.builder("people").batchSize(3).onBatch(delivered).build()));

        assertThat(e.getMessage()).contains("birth year of person 5 is temporarily unavailable", "partial data",
                "allPeople.edges.1.node.birthYear");
        assertThat(ids(delivered.records())).containsExactly("1", "2", "3");
    }

    @Test
    void aServerRepeatingTheSameCursorFailsInsteadOfLooping() {
        server.repeatCursors();

        RecordingBatches delivered = new RecordingBatches();
        PermanentException e = catchThrowableOfType(PermanentException.class, () -> connector(cursorPeople())
                .fetchEntity(FetchOptions.builder("people").batchSize(10).onBatch(delivered).build()));

        assertThat(e.getMessage()).contains("query 'people'", "cursor 'c2ltcGxlLWN1cnNvcjk='", "again",
                "hasNextPage is true");
        assertThat(server.requests()).hasSize(2);
        assertThat(delivered.records()).hasSize(10);
    }

    private static String page(String edges, boolean hasNextPage, String endCursor) {
        return "{\"data\":{\"allPeople\":{\"totalCount\":1,\"pageInfo\":{\"hasNextPage\":" + hasNextPage
                + ",\"endCursor\":" + (endCursor == null ? "null" : "\"" + endCursor + "\"") + "},\"edges\":["
                + edges + "]}}}";
    }

    @Test
    void anEmptyLastPageWithANullCursorEndsTheWalkBecauseHasNextPageIsFalse() {
        server.enqueue(new CannedResponse(200, Map.of(), page("{\"node\":{\"id\":\"1\"}}", true, "c1")));
        server.enqueue(new CannedResponse(200, Map.of(), page("", false, null)));

        RecordingBatches batches = fetch(connector(cursorPeople()), 10, options -> { });

        assertThat(ids(batches.records())).containsExactly("1");
        assertThat(server.requests()).hasSize(2);
        assertThat(server.variables().get(1)).containsEntry("after", "c1");
    }

    @Test
    void aNullCursorWhileHasNextPageIsTrueFailsInsteadOfStoppingOrLooping() {
        server.enqueue(new CannedResponse(200, Map.of(), page("{\"node\":{\"id\":\"1\"}}", true, null)));

        RecordingBatches delivered = new RecordingBatches();
        PermanentException e = catchThrowableOfType(PermanentException.class, () -> connector(cursorPeople())
                .fetchEntity(FetchOptions.builder("people").batchSize(10).onBatch(delivered).build()));

        assertThat(e.getMessage()).contains("hasNextPage is true", "cursorPath 'allPeople.pageInfo.endCursor'",
                "no cursor");
        assertThat(server.requests()).hasSize(1);
        assertThat(delivered.records()).isEmpty();
    }

    @Test
    void aMissingHasNextPageFailsClearly() {
        Map<String, Object> query = with(with(cursorPeople(), "hasNextPagePath", "allPeople.totalCount"),
                "totalCountPath", null);

        assertThatThrownBy(() -> fetch(connector(query), 10, options -> { }))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("hasNextPagePath 'allPeople.totalCount' is not true/false");
    }

    private void editPeople(Map<Integer, String> edited) {
        server.people().forEach(person -> {
            String value = edited.get((Integer) person.get("id"));
            if (value != null) {
                person.put("edited", value);
            }
        });
    }

    private static final Map<Integer, String> RECENT_EDITS = Map.of(
            3, "2015-03-01T10:00:00.000Z", 18, "2015-01-01T00:00:00.000Z", 81, "2016-07-04T12:30:00.000Z",
            83, "2014-12-31T23:59:59.999Z");

    @Test
    void sinceVariableSendsSinceAsIso8601AndTheServerFilters() {
        editPeople(RECENT_EDITS);
        Map<String, Object> query = with(with(with(cursorPeople(), "query", """
                query People($first: Int!, $after: String, $since: String) {
                  allPeople(first: $first, after: $after, editedSince: $since) {
                    totalCount pageInfo { hasNextPage endCursor } edges { node { id name edited } }
                  }
                }"""), "sinceVariable", "since"), "cursorField", "edited");

        RecordingBatches batches = fetch(connector(query), 10,
                options -> options.since(Instant.parse("2015-01-01T00:00:00Z")));

        assertThat(ids(batches.records())).containsExactly("3", "18", "81");
        assertThat(server.requests()).hasSize(1);
        assertThat(server.variables().get(0)).containsEntry("since", "2015-01-01T00:00:00Z");
    }

    @Test
    void sinceVariableIsLeftOutOnAFullSync() {
        Map<String, Object> query = with(with(with(cursorPeople(), "query", """
                query People($first: Int!, $after: String, $since: String) {
                  allPeople(first: $first, after: $after, editedSince: $since) {
                    totalCount pageInfo { hasNextPage endCursor } edges { node { id edited } }
                  }
                }"""), "sinceVariable", "since"), "cursorField", "edited");

        RecordingBatches batches = fetch(connector(query), 50, options -> { });

        assertThat(batches.records()).hasSize(82);
        assertThat(server.variables()).allSatisfy(variables -> assertThat(variables).doesNotContainKey("since"));
    }

    @Test
    void withoutSinceVariableIncrementalSyncFiltersOnTheCursorFieldClientSide() {
        editPeople(RECENT_EDITS);

        RecordingBatches batches = fetch(connector(with(cursorPeople(), "cursorField", "edited")), 10,
                options -> options.since(Instant.parse("2015-01-01T00:00:00Z")));

        assertThat(ids(batches.records())).containsExactly("3", "18", "81");
        assertThat(server.requests()).hasSize(9);
        assertThat(batches.states()).hasSize(9);
        assertThat(server.variables()).allSatisfy(variables -> assertThat(variables.keySet())
                .isSubsetOf("first", "after"));
    }

    @Test
    void declaresOneEntityPerQueryWithItsKeyAndCursorField() {
        GraphqlConnector connector = connector(config(server.endpoint(), with(cursorPeople(), "cursorField", "edited"),
                with(with(offsetPeople(), "name", "people_offset"), "primaryKey", List.of("swapiId"))));

        assertThat(connector.getAvailableEntities()).satisfiesExactly(
                people -> {
                    assertThat(people.name()).isEqualTo("people");
                    assertThat(people.primaryKey()).containsExactly("id");
                    assertThat(people.cursorField()).contains("edited");
                    assertThat(people.description()).contains("cursor pagination", "client-side");
                },
                offset -> {
                    assertThat(offset.name()).isEqualTo("people_offset");
                    assertThat(offset.primaryKey()).containsExactly("swapiId");
                    assertThat(offset.isIncremental()).isFalse();
                });
        assertThat(connector.getMetadata().supportedEntities()).isEmpty();
        // One introspection request types both queries' entities; no data request is made.
        assertThat(server.requests()).singleElement().satisfies(body -> assertThat(body.get("query").toString())
                .startsWith("query TributaryIntrospection"));
    }

    @Test
    void anUnknownEntityIsAPermanentFailure() {
        GraphqlConnector connector = connector(cursorPeople());

        assertThatThrownBy(() -> connector.fetchEntity(FetchOptions.builder("planets").build()))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("'planets'").hasMessageContaining("people");
    }

    @Test
    void reportsTheTotalCountWithProgress() {
        List<OptionalLong> totals = new ArrayList<>();
        fetch(connector(offsetPeople()), 40, options -> options.onProgress((current, total) -> totals.add(total)));

        assertThat(totals).isNotEmpty().containsOnly(OptionalLong.of(82));
    }
}

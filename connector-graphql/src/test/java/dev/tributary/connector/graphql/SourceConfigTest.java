package dev.tributary.connector.graphql;

import static dev.tributary.connector.graphql.QueryConfigs.cursorPeople;
import static dev.tributary.connector.graphql.QueryConfigs.offsetPeople;
import static dev.tributary.connector.graphql.QueryConfigs.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.spi.config.Config;
import dev.tributary.spi.error.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SourceConfigTest {

    private static final String ENDPOINT = "https://swapi.example/graphql";
    private static final String CANARY = "canary-secret-7f3a";

    /** Marks a setting present with a JSON null value (QueryConfigs.with removes a key for null). */
    private static final Object NULL = new Object();

    private static Map<String, Object> withNulls(Map<String, Object> query) {
        Map<String, Object> copy = new LinkedHashMap<>(query);
        copy.replaceAll((key, value) -> value == NULL ? null : value);
        return copy;
    }

    private static Config raw(Map<String, Object> values) {
        return Config.of(values, new GraphqlConnector().getMetadata().configSchema());
    }

    private static Map<String, Object> values(Object endpoint, Object headers, Object queries) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("endpoint", endpoint);
        values.put("headers", headers);
        values.put("queries", queries instanceof List<?> list ? list.stream()
                .map(query -> query instanceof Map<?, ?> map ? withNulls(cast(map)) : query).toList() : queries);
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    @Test
    void parsesEverySettingWithItsDefault() {
        SourceConfig config = SourceConfig.from(QueryConfigs.configWithHeaders(ENDPOINT,
                Map.of("Authorization", "Bearer x"),
                offsetPeople(), with(with(cursorPeople(), "name", "people-cursor"), "batchSize", 25)));

        assertThat(config.endpoint().toString()).isEqualTo(ENDPOINT);
        assertThat(config.headers()).containsEntry("Authorization", "Bearer x");
        QuerySpec offset = config.query("people").orElseThrow();
        assertThat(offset.pagination()).isEqualTo(Pagination.OFFSET);
        assertThat(offset.pageSizeVariable()).isEqualTo("limit");
        assertThat(offset.offsetVariable()).isEqualTo("offset");
        assertThat(offset.primaryKey()).containsExactly("id");
        assertThat(offset.batchSize()).isEmpty();
        assertThat(offset.nodePath()).isEmpty();
        QuerySpec cursor = config.query("people-cursor").orElseThrow();
        assertThat(cursor.pageSizeVariable()).isEqualTo("first");
        assertThat(cursor.cursorVariable()).isEqualTo("after");
        assertThat(cursor.nodePath()).contains(JsonPath.parse("node"));
        assertThat(cursor.batchSize()).isEqualTo(OptionalInt.of(25));
        assertThat(cursor.cursorField()).isEqualTo(Optional.empty());
    }

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                Arguments.of("missing endpoint", values(null, null, List.of(cursorPeople())), "endpoint",
                        "is required"),
                Arguments.of("relative endpoint", values("/graphql", null, List.of(cursorPeople())), "endpoint",
                        "absolute http or https URL"),
                Arguments.of("headers as text", values(ENDPOINT, "Authorization: x", List.of(cursorPeople())),
                        "headers", "JSON object"),
                Arguments.of("header value as object", values(ENDPOINT, Map.of("X-Key", Map.of("a", 1)),
                        List.of(cursorPeople())), "headers.X-Key", "must be text"),
                Arguments.of("header name with a space", values(ENDPOINT, Map.of("X Key", "v"),
                        List.of(cursorPeople())), "headers", "not a valid HTTP header name"),
                Arguments.of("missing queries", values(ENDPOINT, null, null), "queries", "is required"),
                Arguments.of("empty queries", values(ENDPOINT, null, List.of()), "queries", "non-empty"),
                Arguments.of("query as text", values(ENDPOINT, null, List.of("{ people }")), "queries[0]",
                        "JSON object"),
                Arguments.of("query without name", values(ENDPOINT, null, List.of(with(cursorPeople(), "name", null))),
                        "queries[0].name", "is required"),
                Arguments.of("upper-case name", values(ENDPOINT, null, List.of(with(cursorPeople(), "name", "People"))),
                        "queries[0].name", "lowercase"),
                Arguments.of("duplicate names", values(ENDPOINT, null, List.of(cursorPeople(), offsetPeople())),
                        "queries[1].name", "used twice"),
                Arguments.of("unknown setting", values(ENDPOINT, null, List.of(with(cursorPeople(), "datapath", "x"))),
                        "queries[0].datapath", "not a query setting"),
                Arguments.of("missing query", values(ENDPOINT, null, List.of(with(cursorPeople(), "query", null))),
                        "queries[0].query", "is required"),
                Arguments.of("missing dataPath", values(ENDPOINT, null,
                        List.of(with(cursorPeople(), "dataPath", null))),
                        "queries[0].dataPath", "is required"),
                Arguments.of("dataPath set to JSON null", values(ENDPOINT, null,
                        List.of(with(cursorPeople(), "dataPath", NULL))), "queries[0].dataPath", "is required"),
                Arguments.of("cursorPath set to JSON null", values(ENDPOINT, null,
                        List.of(with(cursorPeople(), "cursorPath", NULL))), "queries[0].cursorPath",
                        "required for cursor pagination"),
                Arguments.of("empty path segment", values(ENDPOINT, null,
                        List.of(with(cursorPeople(), "dataPath", "allPeople..edges"))), "queries[0].dataPath",
                        "dot path"),
                Arguments.of("unknown pagination", values(ENDPOINT, null,
                        List.of(with(cursorPeople(), "pagination", "keyset"))), "queries[0].pagination",
                        "unknown pagination mode 'keyset'; use one of none, offset, cursor"),
                Arguments.of("cursor pagination without hasNextPagePath", values(ENDPOINT, null,
                        List.of(with(cursorPeople(), "hasNextPagePath", null))), "queries[0].hasNextPagePath",
                        "required for cursor pagination"),
                Arguments.of("cursor pagination without cursorPath", values(ENDPOINT, null,
                        List.of(with(cursorPeople(), "cursorPath", null))), "queries[0].cursorPath",
                        "required for cursor pagination"),
                Arguments.of("cursorPath with offset pagination", values(ENDPOINT, null,
                        List.of(with(offsetPeople(), "cursorPath", "people.hasMore"))), "queries[0].cursorPath",
                        "cursor pagination only"),
                Arguments.of("zero batch size", values(ENDPOINT, null, List.of(with(cursorPeople(), "batchSize", 0))),
                        "queries[0].batchSize", "from 1 to"),
                Arguments.of("batch size as words", values(ENDPOINT, null,
                        List.of(with(cursorPeople(), "batchSize", "ten"))), "queries[0].batchSize", "whole number"),
                Arguments.of("variables as list", values(ENDPOINT, null,
                        List.of(with(cursorPeople(), "variables", List.of(1)))), "queries[0].variables", "JSON object"),
                Arguments.of("sinceVariable without cursorField", values(ENDPOINT, null,
                        List.of(with(cursorPeople(), "sinceVariable", "editedSince"))), "queries[0].sinceVariable",
                        "needs cursorField"),
                Arguments.of("primaryKey as number", values(ENDPOINT, null,
                        List.of(with(cursorPeople(), "primaryKey", 5))), "queries[0].primaryKey", "field name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigs")
    void rejectsWithTheFieldAtFault(String description, Map<String, Object> values, String field, String message) {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> SourceConfig.from(raw(values)));

        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void neverShowsHeaderValues() {
        Map<String, Object> values = values(ENDPOINT, Map.of("Authorization", "Bearer " + CANARY),
                List.of(with(cursorPeople(), "pagination", "bogus")));
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> SourceConfig.from(raw(values)));
        SourceConfig valid = SourceConfig.from(raw(values(ENDPOINT, Map.of("Authorization", "Bearer " + CANARY),
                List.of(cursorPeople()))));

        assertThat(e.getMessage()).doesNotContain(CANARY);
        assertThat(valid.toString()).doesNotContain(CANARY).contains("Authorization");
        assertThat(raw(values).toString()).doesNotContain(CANARY);
    }

    @Test
    void rejectsALineBreakInAHeaderValueWithoutQuotingIt() {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> SourceConfig.from(raw(
                values(ENDPOINT, Map.of("Authorization", CANARY + "\r\nX-Evil: 1"), List.of(cursorPeople())))));

        assertThat(e.field()).isEqualTo("headers.Authorization");
        assertThat(e.getMessage()).contains("line breaks").doesNotContain(CANARY);
    }
}

package dev.tributary.connector.graphql;

import static dev.tributary.connector.graphql.QueryConfigs.config;
import static dev.tributary.connector.graphql.QueryConfigs.cursorPeople;
import static dev.tributary.connector.graphql.QueryConfigs.offsetPeople;
import static dev.tributary.connector.graphql.QueryConfigs.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.spi.error.InvalidConfigException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryDocumentCheckTest {

    private static final String ENDPOINT = "http://127.0.0.1:9/graphql";

    private static InvalidConfigException invalid(Map<String, Object> query) {
        return catchThrowableOfType(InvalidConfigException.class,
                () -> SourceConfig.from(config(ENDPOINT, cursorPeople(), with(query, "name", "broken"))));
    }

    @Test
    void acceptsTheCursorAndOffsetQueriesOfTheTestSchema() {
        assertThatCode(() -> SourceConfig.from(config(ENDPOINT, cursorPeople(),
                with(offsetPeople(), "name", "people_by_offset")))).doesNotThrowAnyException();
    }

    @Test
    void reportsASyntaxErrorWithQueryNameLineAndColumn() {
        InvalidConfigException e = invalid(with(cursorPeople(), "query", """
                query People($first: Int!, $after: String) {
                  allPeople(first: $first after: $after) {
                    edges { node { id } }
                  }}
                }"""));

        assertThat(e.field()).isEqualTo("queries[1].query");
        assertThat(e.getMessage()).contains("query 'broken'", "syntax error", "line 5, column 1");
    }

    @Test
    void reportsAnUnclosedSelectionAtItsLine() {
        InvalidConfigException e = invalid(with(cursorPeople(), "query",
                "query People($first: Int!, $after: String) {\n"
                        + "  allPeople(first: $first, after: $after) {\n    edges { node { id }\n"));

        assertThat(e.field()).isEqualTo("queries[1].query");
        assertThat(e.getMessage()).contains("query 'broken'", "line 3, column 24", "<EOF>");
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                Arguments.of("cursor variable missing", with(cursorPeople(), "query", """
                        query People($first: Int!) {
                          allPeople(first: $first) {
                            pageInfo { hasNextPage endCursor } edges { node { id } }
                          }
                        }"""), "queries[1].cursorVariable",
                        new String[] {"$after", "not declared", "declared: $first"}),
                Arguments.of("page size variable of the wrong type", with(cursorPeople(), "query", """
                        query People($first: String, $after: String) {
                          allPeople(first: $first, after: $after) {
                            pageInfo { hasNextPage endCursor } edges { node { id } }
                          }
                        }"""), "queries[1].pageSizeVariable", new String[] {"$first is declared as String", "an Int"}),
                Arguments.of("non-null cursor variable", with(cursorPeople(), "query", """
                        query People($first: Int, $after: String!) {
                          allPeople(first: $first, after: $after) {
                            pageInfo { hasNextPage endCursor } edges { node { id } }
                          }
                        }"""), "queries[1].cursorVariable", new String[] {"String!", "nullable"}),
                Arguments.of("list-typed offset variable", with(offsetPeople(), "query", """
                        query People($limit: Int, $offset: [Int]) {
                          people(limit: $limit) { hasMore items { id } }
                        }"""), "queries[1].offsetVariable", new String[] {"[Int]", "an Int"}),
                Arguments.of("offset variable renamed but not declared", with(offsetPeople(), "offsetVariable", "skip"),
                        "queries[1].offsetVariable", new String[] {"$skip"}),
                Arguments.of("two operations without operationName", with(cursorPeople(), "query", """
                        query A($first: Int, $after: String) {
                          allPeople(first: $first, after: $after) {
                            pageInfo { hasNextPage endCursor } edges { node { id } }
                          }
                        }
                        query B { people { items { id } } }"""), "queries[1].operationName",
                        new String[] {"2 operations", "'A', 'B'", "set operationName"}),
                Arguments.of("operationName naming no operation", with(cursorPeople(), "operationName", "Nope"),
                        "queries[1].operationName", new String[] {"no operation named 'Nope'", "'People'"}),
                Arguments.of("a mutation", with(cursorPeople(), "query",
                        "mutation People($first: Int, $after: String) { allPeople { id } }"),
                        "queries[1].query", new String[] {"mutation", "only queries"}),
                Arguments.of("a schema definition", with(cursorPeople(), "query", "type Person { id: ID }"),
                        "queries[1].query", new String[] {"schema definition"}),
                Arguments.of("undefined fragment", with(cursorPeople(), "query", """
                        query People($first: Int, $after: String) {
                          allPeople(first: $first, after: $after) {
                            totalCount pageInfo { hasNextPage endCursor } edges { node { id ...PersonFields } }
                          }
                        }"""), "queries[1].query", new String[] {"fragment 'PersonFields'", "does not define"}),
                Arguments.of("dataPath not selected", with(cursorPeople(), "dataPath", "allPeople.nodes"),
                        "queries[1].dataPath", new String[] {"'nodes'", "under 'allPeople'",
                                "totalCount, pageInfo, edges"}),
                Arguments.of("dataPath starting with data", with(cursorPeople(), "dataPath", "data.allPeople.edges"),
                        "queries[1].dataPath", new String[] {"relative to the response's data object"}),
                Arguments.of("cursorPath not selected",
                        with(cursorPeople(), "cursorPath", "allPeople.pageInfo.startCursor"),
                        "queries[1].cursorPath", new String[] {"'startCursor'"}),
                Arguments.of("primary key not selected", with(cursorPeople(), "primaryKey", "swapi_id"),
                        "queries[1].primaryKey", new String[] {"'swapi_id'", "swapiId"}),
                Arguments.of("cursor field not selected", with(cursorPeople(), "cursorField", "created"),
                        "queries[1].cursorField", new String[] {"'created'"}),
                Arguments.of("fixed variable not declared",
                        with(cursorPeople(), "variables", Map.of("orderBy", "ID_ASC")),
                        "queries[1].variables", new String[] {"$orderBy", "not declared"}),
                Arguments.of("fixed variable that pagination sets",
                        with(cursorPeople(), "variables", Map.of("first", 5)),
                        "queries[1].variables", new String[] {"$first", "set by the connector"}),
                Arguments.of("required variable nobody supplies", with(cursorPeople(), "query", """
                        query People($first: Int, $after: String, $order: PersonOrder!) {
                          allPeople(first: $first, after: $after, orderBy: $order) {
                            pageInfo { hasNextPage endCursor } edges { node { id } }
                          }
                        }"""), "queries[1].variables", new String[] {"requires $order", "PersonOrder!"}),
                Arguments.of("since variable not declared", with(with(cursorPeople(), "cursorField", "edited"),
                        "sinceVariable", "editedSince"), "queries[1].sinceVariable",
                        new String[] {"$editedSince", "not declared"}),
                Arguments.of("since variable that is an Int", with(with(with(cursorPeople(), "cursorField", "edited"),
                        "sinceVariable", "since"), "query", """
                        query People($first: Int, $after: String, $since: Int) {
                          allPeople(first: $first, after: $after) {
                            pageInfo { hasNextPage endCursor } edges { node { id edited } }
                          }
                        }"""), "queries[1].sinceVariable", new String[] {"$since is declared as Int"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void namesTheQueryAndTheFieldOfEachProblem(String description, Map<String, Object> query, String field,
            String[] fragments) {
        InvalidConfigException e = invalid(query);

        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains("query 'broken'").contains(fragments);
    }

    @Test
    void followsAliasesInlineFragmentsAndNamedFragments() {
        Map<String, Object> query = with(with(cursorPeople(), "query", """
                query People($first: Int!, $after: String) {
                  everyone: allPeople(first: $first, after: $after) {
                    pageInfo { ...Paging }
                    edges { node { ... on Person { key: id edited } } }
                  }
                }
                fragment Paging on PageInfo { hasNextPage endCursor }"""), "primaryKey", "key");
        query.put("dataPath", "everyone.edges");
        query.put("hasNextPagePath", "everyone.pageInfo.hasNextPage");
        query.put("cursorPath", "everyone.pageInfo.endCursor");
        query.remove("totalCountPath");

        assertThatCode(() -> SourceConfig.from(config(ENDPOINT, query))).doesNotThrowAnyException();
    }

    @Test
    void picksTheNamedOperationOfSeveral() {
        Map<String, Object> query = with(with(cursorPeople(), "query", QueryConfigs.CURSOR_PEOPLE
                + "\nquery Other { rateLimit { remaining } }"), "operationName", "People");

        assertThatCode(() -> SourceConfig.from(config(ENDPOINT, query))).doesNotThrowAnyException();
    }

    @Test
    void reportsEveryProblemOfEveryQueryAtOnce() {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> SourceConfig.from(
                config(ENDPOINT, with(cursorPeople(), "query", "query { allPeople { "),
                        with(with(offsetPeople(), "name", "second"), "dataPath", "people.rows"),
                        with(with(offsetPeople(), "name", "third"), "pagination", "pages"))));

        assertThat(e.field()).isEqualTo("queries[0].query");
        assertThat(e.getMessage()).contains("2 more problems", "queries[1].dataPath", "queries[2].pagination");
        assertThat(e.getSuppressed()).extracting(t -> ((InvalidConfigException) t).field())
                .containsExactly("queries[1].dataPath", "queries[2].pagination");
    }
}

package dev.tributary.connector.graphql;

import dev.tributary.spi.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Query configurations over the test schema, written as a user would in a JSON config file. */
final class QueryConfigs {

    static final String CURSOR_PEOPLE = """
            query People($first: Int!, $after: String) {
              allPeople(first: $first, after: $after) {
                totalCount
                pageInfo { hasNextPage endCursor }
                edges { cursor node { id swapiId name height mass edited } }
              }
            }""";

    static final String OFFSET_PEOPLE = """
            query People($limit: Int!, $offset: Int!) {
              people(limit: $limit, offset: $offset) {
                totalCount
                hasMore
                items { id swapiId name height mass edited }
              }
            }""";

    private QueryConfigs() {
    }

    /** People by Relay cursor: dataPath allPeople.edges, nodePath node. */
    static Map<String, Object> cursorPeople() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("name", "people");
        query.put("query", CURSOR_PEOPLE);
        query.put("dataPath", "allPeople.edges");
        query.put("nodePath", "node");
        query.put("pagination", "cursor");
        query.put("hasNextPagePath", "allPeople.pageInfo.hasNextPage");
        query.put("cursorPath", "allPeople.pageInfo.endCursor");
        query.put("totalCountPath", "allPeople.totalCount");
        return query;
    }

    /** People by offset: dataPath people.items. */
    static Map<String, Object> offsetPeople() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("name", "people");
        query.put("query", OFFSET_PEOPLE);
        query.put("dataPath", "people.items");
        query.put("pagination", "offset");
        query.put("hasNextPagePath", "people.hasMore");
        query.put("totalCountPath", "people.totalCount");
        return query;
    }

    /** A copy of {@code query} with {@code key} set to {@code value} (null removes it). */
    static Map<String, Object> with(Map<String, Object> query, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(query);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }

    // Copies element by element: handing the generic varargs array on would be flagged as heap pollution.
    @SafeVarargs
    private static List<Map<String, Object>> listOf(Map<String, Object>... queries) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map<String, Object> query : queries) {
            list.add(query);
        }
        return list;
    }

    /** A connector configuration with the given endpoint and queries, as the runtime would hand it over. */
    @SafeVarargs
    static Config config(String endpoint, Map<String, Object>... queries) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("endpoint", endpoint);
        values.put("queries", listOf(queries));
        return Config.of(values, new GraphqlConnector().getMetadata().configSchema());
    }

    /** A connector configuration with headers too. */
    @SafeVarargs
    static Config configWithHeaders(String endpoint, Map<String, String> headers, Map<String, Object>... queries) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("endpoint", endpoint);
        values.put("headers", headers);
        values.put("queries", listOf(queries));
        return Config.of(values, new GraphqlConnector().getMetadata().configSchema());
    }
}

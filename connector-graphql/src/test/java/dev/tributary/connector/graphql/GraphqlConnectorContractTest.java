package dev.tributary.connector.graphql;

import dev.tributary.spi.BaseConnector;
import dev.tributary.testkit.ConnectorContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The testkit's connector contract, run against the graphql-java SWAPI server with two small entities: films by
 * cursor (incremental, filtered client-side on {@code edited}) and films by offset.
 */
class GraphqlConnectorContractTest extends ConnectorContract {

    private SwapiGraphqlServer server;

    @Override
    protected void startFakeServer() {
        server = SwapiGraphqlServer.start();
        server.requireHeader("Authorization", "Bearer contract-token");
    }

    @Override
    protected void stopFakeServer() {
        server.close();
    }

    /**
     * Also accepts Okio's process-wide "Okio Watchdog" daemon, which OkHttp starts for call timeouts and which ends
     * by itself after a minute idle; it belongs to no client, so no {@code close()} can stop it.
     */
    @Override
    protected boolean isSharedThread(Thread thread) {
        return super.isSharedThread(thread) || thread.getName().equals("Okio Watchdog");
    }

    @Override
    protected BaseConnector newConnector() {
        return new GraphqlConnector();
    }

    @Override
    protected Map<String, Object> config() {
        return config("Bearer contract-token");
    }

    @Override
    protected Optional<Map<String, Object>> badCredentialsConfig() {
        return Optional.of(config("Bearer wrong-token"));
    }

    private Map<String, Object> config(String authorization) {
        Map<String, Object> cursor = new LinkedHashMap<>();
        cursor.put("name", "films");
        cursor.put("query", """
                query Films($first: Int!, $after: String) {
                  allFilms(first: $first, after: $after) {
                    pageInfo { hasNextPage endCursor }
                    edges { node { id title episodeID releaseDate edited } }
                  }
                }""");
        cursor.put("dataPath", "allFilms.edges");
        cursor.put("nodePath", "node");
        cursor.put("pagination", "cursor");
        cursor.put("hasNextPagePath", "allFilms.pageInfo.hasNextPage");
        cursor.put("cursorPath", "allFilms.pageInfo.endCursor");
        cursor.put("cursorField", "edited");
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put("name", "films_by_offset");
        offset.put("query", """
                query Films($limit: Int!, $offset: Int!) {
                  films(limit: $limit, offset: $offset) { totalCount items { id title } }
                }""");
        offset.put("dataPath", "films.items");
        offset.put("pagination", "offset");
        offset.put("totalCountPath", "films.totalCount");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("endpoint", server.endpoint());
        values.put("headers", Map.of("Authorization", authorization));
        values.put("queries", List.of(cursor, offset));
        return values;
    }
}

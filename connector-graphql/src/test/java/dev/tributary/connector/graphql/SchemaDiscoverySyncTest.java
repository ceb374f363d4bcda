package dev.tributary.connector.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.SyncJob;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.sync.EntityStatus;
import dev.tributary.runtime.sync.SyncResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real runtime syncs the test server into a SQLite file with the column types introspection declares. */
class SchemaDiscoverySyncTest {

    private static final String QUERY = """
            query People($first: Int!, $after: String) {
              allPeople(first: $first, after: $after) {
                pageInfo { hasNextPage endCursor }
                edges { node { id swapiId name mass editedAt birthYear homeworld { name diameter }
                  filmConnection(first: 2) { edges { node { title episodeID } } } } }
              }
            }""";

    @TempDir
    Path home;

    private SwapiGraphqlServer server;
    private Tributary tributary;

    @BeforeEach
    void start() {
        server = SwapiGraphqlServer.start();
        tributary = Tributary.builder().home(home).build();
    }

    @AfterEach
    void stop() {
        tributary.close();
        server.close();
    }

    private SyncResult sync() {
        return sync(Map.of());
    }

    private SyncResult sync(Map<String, Object> extraConfig) {
        Map<String, Object> query = QueryConfigs.with(QueryConfigs.with(QueryConfigs.cursorPeople(), "query", QUERY),
                "totalCountPath", null);
        Map<String, Object> config = new LinkedHashMap<>(extraConfig);
        config.put("endpoint", server.endpoint());
        config.put("queries", List.of(query));
        return tributary.sync(SyncJob.builder(GraphqlConnector.ID).config(config).build());
    }

    /** Column to type, as recorded in {@code _tributary_schema} for the people table. */
    private Map<String, String> columnTypes() throws Exception {
        Map<String, String> types = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("warehouse.db"));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT \"column\", \"type\" FROM _tributary_schema WHERE \"table\" = 'graphql_people'")) {
            while (result.next()) {
                types.put(result.getString(1), result.getString(2));
            }
        }
        return types;
    }

    private List<String> row(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("warehouse.db"));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as(sql).isTrue();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                values.add(result.getString(i));
            }
            return values;
        }
    }

    @Test
    void declaredTypesBecomeTheColumnsIncludingATimestampAndAFlattenedObject() throws Exception {
        SyncResult result = sync();

        assertThat(result.entities()).allMatch(entity -> entity.status() == EntityStatus.DONE);
        assertThat(columnTypes()).containsEntry("edited_at", "TIMESTAMP").containsEntry("swapi_id", "INTEGER")
                .containsEntry("mass", "NUMBER").containsEntry("homeworld__name", "STRING")
                .containsEntry("homeworld__diameter", "INTEGER").containsEntry("birth_year", "STRING");
        // Luke (fixture id 1) lives on planet 1, Tatooine; DateTime text is stored as ISO-8601 UTC text.
        assertThat(row("SELECT name, swapi_id, typeof(swapi_id), edited_at, homeworld__name FROM graphql_people "
                + "WHERE id = '1'"))
                .containsExactly("Luke Skywalker", "1", "integer", "2014-12-20T21:17:56.891Z", "Tatooine");
        assertThat(lukesFirstTwoFilms()).contains("|");
        // The list of objects inside the filmConnection object is a child table with its element's typed fields.
        assertThat(row("SELECT group_concat(node__title, '|'), typeof(max(node__episode_id)) FROM ("
                + "SELECT node__title, node__episode_id FROM graphql_people__film_connection__edges "
                + "WHERE _parent_id = '1' ORDER BY _position)"))
                .containsExactly(lukesFirstTwoFilms(), "integer");
        assertThat(row("SELECT count(*) FROM graphql_people")).containsExactly(
                String.valueOf(server.people().size()));
    }

    private String lukesFirstTwoFilms() {
        return String.join("|", server.films().stream()
                .filter(film -> film.get("characterIds") instanceof List<?> ids && ids.contains(1))
                .limit(2).map(film -> String.valueOf(film.get("title"))).toList());
    }

    @Test
    void aTransientIntrospectionFailureIsRetriedSoTheColumnsAreStillDeclared() throws Exception {
        server.enqueue(new SwapiGraphqlServer.CannedResponse(502, Map.of(), "<html>Bad Gateway</html>"));

        SyncResult result = sync();

        assertThat(result.entities()).allMatch(entity -> entity.status() == EntityStatus.DONE);
        assertThat(columnTypes()).containsEntry("edited_at", "TIMESTAMP").containsEntry("swapi_id", "INTEGER");
        assertThat(server.requests().stream().filter(body -> body.get("query").toString().contains("__schema")))
                .hasSize(2);
        assertThat(row("SELECT count(*) FROM graphql_people")).containsExactly(
                String.valueOf(server.people().size()));
    }

    @Test
    void introspectionFalseSyncsWithInferredColumnsAndNeverAsksForTheSchema() throws Exception {
        SyncResult result = sync(Map.of("introspection", false));

        assertThat(result.entities()).allMatch(entity -> entity.status() == EntityStatus.DONE);
        assertThat(columnTypes()).containsEntry("edited_at", "STRING").containsEntry("swapi_id", "INTEGER");
        assertThat(server.requests()).noneMatch(body -> body.get("query").toString().contains("__schema"));
        assertThat(row("SELECT count(*) FROM graphql_people")).containsExactly(
                String.valueOf(server.people().size()));
    }

    @Test
    void withoutIntrospectionTheSyncSucceedsWithInferredColumns() throws Exception {
        server.disableIntrospection();

        SyncResult result = sync();

        assertThat(result.entities()).allMatch(entity -> entity.status() == EntityStatus.DONE);
        // Inferred from the values: the DateTime text is a plain string column without the declared schema.
        assertThat(columnTypes()).containsEntry("edited_at", "STRING").containsEntry("homeworld__name", "STRING");
        assertThat(row("SELECT count(*) FROM graphql_people")).containsExactly(
                String.valueOf(server.people().size()));
    }
}

package dev.tributary.connector.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.SyncJob;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.sync.EntityStatus;
import dev.tributary.runtime.sync.SyncResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real runtime syncs the real graphql-java test server into an embedded PostgreSQL: the columns have the
 * PostgreSQL types of the introspected schema (timestamptz, bigint, numeric, boolean, jsonb, flattened objects, a
 * child table) and hold exactly the values the server sent.
 */
class PostgresTypedSyncTest {

    static final String QUERY = """
            query People($first: Int!, $after: String) {
              allPeople(first: $first, after: $after) {
                pageInfo { hasNextPage endCursor }
                edges { node { id swapiId name mass editedAt birthYear homeworld { name diameter climates }
                  filmConnection(first: 2) { pageInfo { hasNextPage } edges { node { title episodeID } } } } }
              }
            }""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedPostgres postgres;

    @TempDir
    Path home;

    private SwapiGraphqlServer server;
    private Tributary tributary;
    private String database;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void start() throws Exception {
        database = "g_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        server = SwapiGraphqlServer.start();
        tributary = Tributary.builder().home(home).build();
    }

    @AfterEach
    void stop() {
        tributary.close();
        server.close();
    }

    private SyncResult sync(Map<String, Object> extraConfig) {
        return sync(QUERY, extraConfig);
    }

    private SyncResult sync(String document, Map<String, Object> extraConfig) {
        Map<String, Object> query = QueryConfigs.with(QueryConfigs.with(QueryConfigs.cursorPeople(), "query",
                document), "totalCountPath", null);
        Map<String, Object> config = new LinkedHashMap<>(extraConfig);
        config.put("endpoint", server.endpoint());
        config.put("queries", List.of(query));
        return tributary.sync(SyncJob.builder(GraphqlConnector.ID).config(config)
                .destination(postgres.getJdbcUrl("postgres", database)).build());
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(postgres.getJdbcUrl("postgres", database));
    }

    /** The rows of a query by their first column, each the list of its other columns' texts. */
    private Map<String, List<String>> rowsById(String query) throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet found = statement.executeQuery(query)) {
            int columns = found.getMetaData().getColumnCount();
            while (found.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 2; i <= columns; i++) {
                    row.add(found.getString(i));
                }
                rows.put(found.getString(1), row);
            }
        }
        return rows;
    }

    /** Column name to PostgreSQL data type, from the catalog. */
    private Map<String, String> columnTypes(String table) throws Exception {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                        + "ORDER BY ordinal_position")) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    types.put(result.getString(1), result.getString(2));
                }
            }
        }
        return types;
    }

    @Test
    void introspectedTypesBecomePostgresColumnsHoldingExactlyTheServersValues() throws Exception {
        SyncResult result = sync(Map.of());

        assertThat(result.entities()).allMatch(entity -> entity.status() == EntityStatus.DONE);
        assertThat(columnTypes("graphql_people"))
                .containsEntry("id", "text")
                .containsEntry("swapi_id", "bigint")
                .containsEntry("name", "text")
                .containsEntry("mass", "numeric")
                .containsEntry("edited_at", "timestamp with time zone")
                .containsEntry("birth_year", "text")
                .containsEntry("homeworld__name", "text")
                .containsEntry("homeworld__diameter", "bigint")
                .containsEntry("homeworld__climates", "jsonb")
                .containsEntry("film_connection__page_info__has_next_page", "boolean")
                .containsEntry("_record", "jsonb");
        assertThat(columnTypes("graphql_people__film_connection__edges"))
                .containsEntry("node__title", "text")
                .containsEntry("node__episode_id", "bigint");

        List<Map<String, Object>> people = server.people();
        int checked = 0;
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, swapi_id, name, mass, edited_at, birth_year,"
                        + " homeworld__name, homeworld__diameter, homeworld__climates::text,"
                        + " film_connection__page_info__has_next_page FROM graphql_people ORDER BY swapi_id")) {
            while (rows.next()) {
                Map<String, Object> person = people.get(checked++);
                Map<String, Object> planet = planet(person.get("homeworldId"));
                assertThat(rows.getString("id")).isEqualTo(String.valueOf(person.get("id")));
                assertThat(rows.getLong("swapi_id")).isEqualTo(((Number) person.get("id")).longValue());
                assertThat(rows.getString("name")).isEqualTo(person.get("name"));
                assertThat(rows.getBigDecimal("mass")).as("mass of %s", person.get("name"))
                        .isEqualTo(person.get("mass") == null ? null : new BigDecimal(person.get("mass").toString()));
                assertThat(rows.getObject("edited_at", OffsetDateTime.class).toInstant())
                        .isEqualTo(Instant.parse((String) person.get("edited")));
                assertThat(rows.getString("birth_year")).isEqualTo(person.get("birthYear"));
                assertThat(rows.getString("homeworld__name")).isEqualTo(planet == null ? null : planet.get("name"));
                assertThat(rows.getObject("homeworld__diameter", Long.class)).isEqualTo(
                        planet == null || planet.get("diameter") == null ? null
                                : ((Number) planet.get("diameter")).longValue());
                String climates = rows.getString(9);
                assertThat(climates == null ? null : JSON.readValue(climates, Object.class))
                        .isEqualTo(planet == null ? null : planet.get("climates"));
                assertThat(rows.getBoolean("film_connection__page_info__has_next_page"))
                        .isEqualTo(filmsOf(person).size() > 2);
            }
        }
        assertThat(checked).isEqualTo(people.size());

        // The child table holds each person's first two films, in order, typed.
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT _parent_id, string_agg(node__title, '|' ORDER BY"
                        + " _position), sum(node__episode_id) FROM graphql_people__film_connection__edges"
                        + " GROUP BY _parent_id")) {
            int parents = 0;
            while (rows.next()) {
                parents++;
                String parentId = rows.getString(1);
                Map<String, Object> person = people.stream()
                        .filter(p -> String.valueOf(p.get("id")).equals(parentId)).findFirst().orElseThrow();
                List<Map<String, Object>> firstTwo = filmsOf(person).stream().limit(2).toList();
                assertThat(rows.getString(2)).isEqualTo(String.join("|",
                        firstTwo.stream().map(film -> (String) film.get("title")).toList()));
                assertThat(rows.getLong(3)).isEqualTo(firstTwo.stream()
                        .mapToLong(film -> ((Number) film.get("episodeID")).longValue()).sum());
            }
            assertThat(parents).isEqualTo((int) people.stream().filter(p -> !filmsOf(p).isEmpty()).count());
        }
    }

    @Test
    void withIntrospectionDisabledOnTheServerTheSameRowsLandInInferredColumns() throws Exception {
        server.disableIntrospection();

        SyncResult result = sync(Map.of());

        assertThat(result.entities()).allMatch(entity -> entity.status() == EntityStatus.DONE);
        // Without the schema, the DateTime text is text and the float-valued mass is inferred from the values.
        assertThat(columnTypes("graphql_people")).containsEntry("edited_at", "text")
                .containsEntry("homeworld__name", "text").containsEntry("swapi_id", "bigint");
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM graphql_people")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(server.people().size());
        }
    }

    private static final String CREDITS_QUERY = """
            query People($first: Int!, $after: String) {
              allPeople(first: $first, after: $after) {
                pageInfo { hasNextPage endCursor }
                edges { node { id name credits balance } }
              }
            }""";

    /** Gives people 1 to 3 test values of the BigInt {@code credits} and Decimal {@code balance}. */
    private void giveCreditsAndBalances() {
        Map<Integer, String[]> values = Map.of(
                1, new String[] {"42", "12345678901234567.891"},
                2, new String[] {"-9223372036854775808", "-0.10"},
                3, new String[] {"18446744073709551616", "0.000000000000000000001"});
        for (Map<String, Object> person : server.people()) {
            String[] given = values.get((Integer) person.get("id"));
            if (given != null) {
                person.put("credits", given[0]);
                person.put("balance", given[1]);
            }
        }
    }

    @Test
    void bigIntAndDecimalKeepEveryDigitAndABigIntBeyond64BitsGoesToItsVariantColumn() throws Exception {
        giveCreditsAndBalances();

        SyncResult result = sync(CREDITS_QUERY, Map.of());

        assertThat(result.entities()).allMatch(entity -> entity.status() == EntityStatus.DONE);
        assertThat(columnTypes("graphql_people")).containsEntry("credits", "bigint")
                .containsEntry("balance", "numeric").containsEntry("credits__v_text", "text");
        Map<String, List<String>> rows = rowsById("SELECT id, credits::text, credits__v_text, balance::text,"
                + " _record->>'credits' FROM graphql_people WHERE id IN ('1', '2', '3', '4') ORDER BY id");
        assertThat(rows).containsExactly(
                Map.entry("1", Arrays.asList("42", null, "12345678901234567.891", "42")),
                Map.entry("2", Arrays.asList("-9223372036854775808", null, "-0.10", "-9223372036854775808")),
                // 2^64 does not fit a bigint: its exact text goes to the variant column (and stays in _record).
                Map.entry("3", Arrays.asList(null, "18446744073709551616", "0.000000000000000000001",
                        "18446744073709551616")),
                Map.entry("4", Arrays.asList(null, null, null, null)));
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet history = statement.executeQuery("SELECT change FROM _tributary_schema"
                        + " WHERE \"table\" = 'graphql_people' AND \"column\" = 'credits__v_text'")) {
            assertThat(history.next()).isTrue();
            assertThat(history.getString(1)).isEqualTo("ADD_VARIANT_COLUMN");
        }
    }

    @Test
    void withBigIntTypedNumberEveryCreditIsExactInOneNumericColumn() throws Exception {
        giveCreditsAndBalances();

        SyncResult result = sync(CREDITS_QUERY, Map.of("scalar_types", Map.of("BigInt", "number")));

        assertThat(result.entities()).allMatch(entity -> entity.status() == EntityStatus.DONE);
        assertThat(columnTypes("graphql_people")).containsEntry("credits", "numeric")
                .doesNotContainKey("credits__v_text");
        List<String> credits = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet found = statement.executeQuery("SELECT credits::text FROM graphql_people"
                        + " WHERE id IN ('1', '2', '3') ORDER BY id")) {
            while (found.next()) {
                credits.add(found.getString(1));
            }
        }
        assertThat(credits).containsExactly("42", "-9223372036854775808", "18446744073709551616");
    }

    @Test
    void aBigIntBeyond64BitsSentAsAJsonNumberLandsExactlyInANumericVariantColumnAndInTheRecord() throws Exception {
        // 2^64 + 1 and a 30-digit negative: neither a long nor a double holds them, so any detour would show.
        Map<Integer, String> credits = Map.of(1, "42", 2, "-9223372036854775808", 3, "18446744073709551617",
                4, "-123456789012345678901234567890");
        for (Map<String, Object> person : server.people()) {
            person.put("credits", credits.get((Integer) person.get("id")));
        }
        server.sendBigIntsAsJsonNumbers();

        SyncResult result = sync(CREDITS_QUERY, Map.of());

        assertThat(result.entities()).allMatch(entity -> entity.status() == EntityStatus.DONE);
        assertThat(columnTypes("graphql_people")).containsEntry("credits", "bigint")
                .containsEntry("credits__v_num", "numeric").doesNotContainKey("credits__v_text");
        Map<String, List<String>> rows = rowsById("SELECT id, credits::text, credits__v_num::text,"
                + " _record->>'credits', jsonb_typeof(_record->'credits') FROM graphql_people"
                + " WHERE id IN ('1', '2', '3', '4', '5') ORDER BY id");
        assertThat(rows).containsExactly(
                Map.entry("1", Arrays.asList("42", null, "42", "number")),
                Map.entry("2", Arrays.asList("-9223372036854775808", null, "-9223372036854775808", "number")),
                Map.entry("3", Arrays.asList(null, "18446744073709551617", "18446744073709551617", "number")),
                Map.entry("4", Arrays.asList(null, "-123456789012345678901234567890",
                        "-123456789012345678901234567890", "number")),
                Map.entry("5", Arrays.asList(null, null, null, "null")));
    }

    private Map<String, Object> planet(Object id) {
        return id == null ? null : server.planets().stream().filter(p -> Objects.equals(p.get("id"), id))
                .findFirst().orElse(null);
    }

    private List<Map<String, Object>> filmsOf(Map<String, Object> person) {
        List<Map<String, Object>> films = new ArrayList<>();
        for (Map<String, Object> film : server.films()) {
            if (film.get("characterIds") instanceof List<?> ids && ids.contains(person.get("id"))) {
                films.add(film);
            }
        }
        return films;
    }
}

package dev.tributary.connector.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import dev.tributary.testkit.CountingRateLimiter;
import dev.tributary.testkit.FakeConnectorContext;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Entity schemas derived from the introspection of the real graphql-java test server. */
class SchemaDiscoveryTest {

    static final String TYPED_PEOPLE = """
            query People($first: Int!, $after: String) {
              allPeople(first: $first, after: $after) {
                pageInfo { hasNextPage endCursor }
                edges { node { ...Basics editedAt heightCm kind: __typename
                  homeworld { name diameter climates }
                  filmConnection(first: 3) { totalCount edges { node { title episodeID } } }
                  ... on Person { gender }
                } }
              }
            }
            fragment Basics on Person { id swapiId name height mass }""";

    private SwapiGraphqlServer server;
    private final List<GraphqlConnector> connectors = new ArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = SwapiGraphqlServer.start();
    }

    @AfterEach
    void stop() {
        connectors.forEach(GraphqlConnector::close);
        server.close();
    }

    static Map<String, Object> typedPeople() {
        return QueryConfigs.with(QueryConfigs.with(QueryConfigs.cursorPeople(), "query", TYPED_PEOPLE),
                "totalCountPath", null);
    }

    private GraphqlConnector connector(Config config) {
        return connector(config, Settings.DEFAULTS);
    }

    private GraphqlConnector connector(Config config, Settings settings) {
        GraphqlConnector connector = new GraphqlConnector();
        connectors.add(connector);
        connector.initialize(new FakeConnectorContext(config, settings, "test-graphql",
                new CountingRateLimiter(), new RecordingLogger(warnings)));
        return connector;
    }

    private static SchemaField field(String name, FieldType type, boolean nullable, SchemaField... nested) {
        SchemaField field = new SchemaField(name, type, true, "", List.of(nested), ValueFormat.DEFAULT);
        return nullable ? field : field.notNull();
    }

    @Test
    void theDeclaredSchemaMatchesTheServersSdlForTheSelectedFields() {
        EntityDescriptor people = connector(QueryConfigs.config(server.endpoint(), typedPeople()))
                .getAvailableEntities().get(0);

        assertThat(people.schema()).contains(new EntitySchema(List.of(
                field("id", FieldType.STRING, false),
                field("swapiId", FieldType.INTEGER, false),
                field("name", FieldType.STRING, false),
                field("height", FieldType.INTEGER, true),
                field("mass", FieldType.NUMBER, true),
                field("editedAt", FieldType.TIMESTAMP, false)
                        .withDescription("When the person's record was last edited."),
                field("heightCm", FieldType.NUMBER, true)
                        .withDescription("The person's height in centimetres, as a number."),
                field("kind", FieldType.STRING, false).withDescription("The GraphQL type name."),
                field("homeworld", FieldType.OBJECT, true,
                        field("name", FieldType.STRING, false),
                        field("diameter", FieldType.INTEGER, true),
                        field("climates", FieldType.ARRAY, true)),
                field("filmConnection", FieldType.OBJECT, false,
                        field("totalCount", FieldType.INTEGER, false),
                        field("edges", FieldType.ARRAY, false,
                                field("node", FieldType.OBJECT, false,
                                        field("title", FieldType.STRING, false),
                                        field("episodeID", FieldType.INTEGER, true)))),
                field("gender", FieldType.STRING, true))));
        assertThat(warnings).isEmpty();
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0).get("query").toString()).contains("__schema");
    }

    @Test
    void introspectionRunsOnceAndOffsetQueriesReachTheirItems() {
        GraphqlConnector connector = connector(QueryConfigs.config(server.endpoint(), QueryConfigs.offsetPeople()));

        EntitySchema schema = connector.getAvailableEntities().get(0).schema().orElseThrow();
        connector.getAvailableEntities();

        assertThat(schema.fields()).extracting(SchemaField::name)
                .containsExactly("id", "swapiId", "name", "height", "mass", "edited");
        assertThat(schema.field("edited").orElseThrow().type()).isEqualTo(FieldType.STRING);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void configuredScalarTypesWinOverTheNameRule() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("endpoint", server.endpoint());
        values.put("queries", List.of(typedPeople()));
        values.put("scalar_types", Map.of("DateTime", "string"));
        Config config = Config.of(values, new GraphqlConnector().getMetadata().configSchema());

        EntitySchema schema = connector(config).getAvailableEntities().get(0).schema().orElseThrow();

        assertThat(schema.field("editedAt").orElseThrow().type()).isEqualTo(FieldType.STRING);
    }

    @Test
    void aFieldTheServerDoesNotKnowIsLeftToInferenceWithAWarning() {
        Map<String, Object> query = QueryConfigs.with(QueryConfigs.with(QueryConfigs.offsetPeople(),
                "totalCountPath", null), "query", """
                query People($limit: Int!, $offset: Int!) {
                  people(limit: $limit, offset: $offset) { hasMore items { id nickname } }
                }""");

        EntitySchema schema = connector(QueryConfigs.config(server.endpoint(), query)).getAvailableEntities().get(0)
                .schema().orElseThrow();

        assertThat(schema.fields()).extracting(SchemaField::name).containsExactly("id");
        assertThat(warnings).singleElement().asString().contains("'nickname'", "type Person", "inferred");
    }

    @Test
    void disabledIntrospectionFallsBackToInferenceWithAWarning() {
        server.disableIntrospection();

        List<EntityDescriptor> entities = connector(QueryConfigs.config(server.endpoint(), typedPeople()))
                .getAvailableEntities();

        assertThat(entities).singleElement().satisfies(entity -> {
            assertThat(entity.name()).isEqualTo("people");
            assertThat(entity.schema()).isEmpty();
        });
        assertThat(warnings).singleElement().asString()
                .contains("introspection of 127.0.0.1 failed", "inferred", "allow introspection",
                        "Introspection has been disabled");
        // A permanent refusal is not retried.
        assertThat(server.requests()).hasSize(1);
    }

    private List<EntityDescriptor> peopleAfter(Settings settings, SwapiGraphqlServer.CannedResponse... failures) {
        for (SwapiGraphqlServer.CannedResponse failure : failures) {
            server.enqueue(failure);
        }
        return connector(QueryConfigs.config(server.endpoint(), typedPeople()), settings).getAvailableEntities();
    }

    private static SwapiGraphqlServer.CannedResponse status(int status, Map<String, String> headers) {
        return new SwapiGraphqlServer.CannedResponse(status, headers, "{\"errors\":[{\"message\":\"HTTP " + status
                + "\"}]}");
    }

    private long introspectionRequests() {
        return server.requests().stream().filter(body -> body.get("query").toString().contains("__schema")).count();
    }

    @Test
    void aServerErrorOfTheIntrospectionIsRetriedAndTheSchemaStillDeclared() {
        List<EntityDescriptor> entities = peopleAfter(Settings.DEFAULTS, status(503, Map.of()));

        assertThat(entities.get(0).schema()).hasValueSatisfying(schema -> assertThat(
                schema.field("editedAt").orElseThrow().type()).isEqualTo(FieldType.TIMESTAMP));
        assertThat(introspectionRequests()).isEqualTo(2);
        assertThat(warnings).isEmpty();
    }

    @Test
    void a429IsRetriedAfterTheServersRetryAfter() {
        List<EntityDescriptor> entities = peopleAfter(Settings.DEFAULTS, status(429, Map.of("Retry-After", "1")),
                status(502, Map.of()));

        assertThat(entities.get(0).schema()).isPresent();
        assertThat(introspectionRequests()).isEqualTo(3);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aDroppedConnectionIsRetried() {
        server.dropNextConnection();

        List<EntityDescriptor> entities = peopleAfter(Settings.DEFAULTS);

        assertThat(entities.get(0).schema()).isPresent();
        assertThat(introspectionRequests()).isEqualTo(2);
        assertThat(warnings).isEmpty();
    }

    @Test
    void whenRetriesRunOutTheEntitiesFallBackToInferenceWithAWarningNamingTheCause() {
        List<EntityDescriptor> entities = peopleAfter(Settings.DEFAULTS.withMaxRetries(1), status(503, Map.of()),
                status(503, Map.of()), status(503, Map.of()));

        assertThat(entities.get(0).schema()).isEmpty();
        assertThat(introspectionRequests()).isEqualTo(2);
        assertThat(warnings).singleElement().asString().contains("introspection of 127.0.0.1 failed", "HTTP 503",
                "failed 2 times in a row", "maxRetries = 1", "inferred");
    }

    @Test
    void noRetryAtAllWithMaxRetriesZero() {
        List<EntityDescriptor> entities = peopleAfter(Settings.DEFAULTS.withMaxRetries(0), status(500, Map.of()));

        assertThat(entities.get(0).schema()).isEmpty();
        assertThat(introspectionRequests()).isEqualTo(1);
        assertThat(warnings).singleElement().asString().contains("failed 1 time in a row");
    }

    @Test
    void aRetryAfterLongerThanTheCapIsNotWaitedFor() {
        List<EntityDescriptor> entities = peopleAfter(Settings.DEFAULTS, status(429, Map.of("Retry-After", "3600")));

        assertThat(entities.get(0).schema()).isEmpty();
        assertThat(introspectionRequests()).isEqualTo(1);
        assertThat(warnings).singleElement().asString().contains("asked to wait 3600 s", "longer than 60 s");
    }

    @Test
    void graphqlErrorsAndAuthenticationFailuresFallBackAtOnce() {
        List<EntityDescriptor> entities = peopleAfter(Settings.DEFAULTS, new SwapiGraphqlServer.CannedResponse(200,
                Map.of(), "{\"errors\":[{\"message\":\"Validation error: field '__schema' is not allowed\"}]}"));
        assertThat(entities.get(0).schema()).isEmpty();
        assertThat(warnings).singleElement().asString().contains("'__schema' is not allowed");

        warnings.clear();
        List<EntityDescriptor> again = peopleAfter(Settings.DEFAULTS, status(401, Map.of()));
        assertThat(again.get(0).schema()).isEmpty();
        assertThat(warnings).singleElement().asString().contains("401");
        assertThat(introspectionRequests()).isEqualTo(2);
    }

    @Test
    void aServerErrorDuringIntrospectionFallsBackToo() {
        server.enqueue(new SwapiGraphqlServer.CannedResponse(200, Map.of(), "{\"data\":{\"__schema\":42}}"));

        List<EntityDescriptor> entities = connector(QueryConfigs.config(server.endpoint(), typedPeople()))
                .getAvailableEntities();

        assertThat(entities.get(0).schema()).isEmpty();
        assertThat(warnings).singleElement().asString().contains("malformed", "__schema is not an object");
    }

    @Test
    void aWrapperTypeWithoutItsInnerTypeIsMalformedAndFallsBack() {
        server.enqueue(new SwapiGraphqlServer.CannedResponse(200, Map.of(), """
                {"data": {"__schema": {"queryType": {"name": "Query"}, "types": [{"kind": "OBJECT", "name": "Query",
                  "fields": [{"name": "people", "description": null,
                              "type": {"kind": "NON_NULL", "name": null, "ofType": null}}]}]}}}"""));

        List<EntityDescriptor> entities = connector(QueryConfigs.config(server.endpoint(), typedPeople()))
                .getAvailableEntities();

        assertThat(entities.get(0).schema()).isEmpty();
        assertThat(warnings).singleElement().asString().contains("Query.people", "NON_NULL", "without ofType");
    }

    /** Keeps warnings, formatted, for assertions. */
    record RecordingLogger(List<String> warnings) implements System.Logger {
        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (level == Level.WARNING) {
                warnings.add(message);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (level == Level.WARNING) {
                warnings.add(params == null || params.length == 0 ? format : MessageFormat.format(format, params));
            }
        }
    }
}

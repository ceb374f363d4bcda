package dev.tributary.connector.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import dev.tributary.testkit.CountingRateLimiter;
import dev.tributary.testkit.FakeConnectorContext;
import dev.tributary.testkit.RecordingBatches;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
    void everyFetchedRecordHasExactlyTheDeclaredFieldsAndNoNullWhereNotNullIsDeclared() {
        GraphqlConnector connector = connector(QueryConfigs.config(server.endpoint(), typedPeople()));
        EntitySchema schema = connector.getAvailableEntities().get(0).schema().orElseThrow();
        RecordingBatches batches = new RecordingBatches();

        connector.fetchEntity(FetchOptions.builder("people").batchSize(25).onBatch(batches)
                .rateLimiter(new CountingRateLimiter()).build());

        assertThat(batches.records()).hasSize(server.people().size());
        for (Map<String, Object> record : batches.records()) {
            conforms(record, schema.fields(), "record " + record.get("id"));
        }
    }

    /** The value's keys are the declared names, in order; not-null fields are present; nested parts conform too. */
    @SuppressWarnings("unchecked")
    private static void conforms(Map<String, Object> value, List<SchemaField> fields, String where) {
        assertThat(value.keySet()).as(where).containsExactlyElementsOf(fields.stream().map(SchemaField::name)
                .toList());
        for (SchemaField field : fields) {
            Object part = value.get(field.name());
            if (!field.nullable()) {
                assertThat(part).as(where + "." + field.name()).isNotNull();
            }
            if (part instanceof Map<?, ?> nested && field.type() == FieldType.OBJECT) {
                conforms((Map<String, Object>) nested, field.fields(), where + "." + field.name());
            } else if (part instanceof List<?> elements && !field.fields().isEmpty()) {
                for (Object element : elements) {
                    conforms((Map<String, Object>) element, field.fields(), where + "." + field.name() + "[]");
                }
            }
        }
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

    private EntitySchema schemaOf(Map<String, Object> query) {
        return connector(QueryConfigs.config(server.endpoint(), query)).getAvailableEntities().get(0).schema()
                .orElseThrow();
    }

    @Test
    void includeAndSkipMakeANonNullFieldNullableUnlessItIsAlsoSelectedPlainly() {
        EntitySchema schema = schemaOf(QueryConfigs.with(typedPeople(), "query", """
                query People($first: Int!, $after: String, $withEdited: Boolean = true) {
                  allPeople(first: $first, after: $after) {
                    pageInfo { hasNextPage endCursor }
                    edges { node { swapiId @skip(if: false) name @include(if: true) name
                      editedAt @include(if: $withEdited)
                      ...Counted @include(if: $withEdited)
                      ... @skip(if: false) { created }
                      ... on Node { id }
                    } }
                  }
                }
                fragment Counted on Person { filmConnection(first: 1) { totalCount } }"""));

        assertThat(schema.fields()).extracting(SchemaField::name)
                .containsExactly("swapiId", "name", "editedAt", "filmConnection", "created", "id");
        // Each is ID!/String!/Int!/DateTime!/FilmConnection! in the SDL.
        assertThat(schema.field("swapiId").orElseThrow().nullable()).as("@skip").isTrue();
        assertThat(schema.field("name").orElseThrow().nullable()).as("also selected without @include").isFalse();
        assertThat(schema.field("editedAt").orElseThrow().nullable()).as("@include").isTrue();
        assertThat(schema.field("editedAt").orElseThrow().type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(schema.field("filmConnection").orElseThrow().nullable()).as("spread with @include").isTrue();
        assertThat(schema.field("filmConnection").orElseThrow().field("totalCount").orElseThrow().nullable())
                .as("inside the object, when it is there").isFalse();
        assertThat(schema.field("created").orElseThrow().nullable()).as("inline fragment with @skip").isTrue();
        assertThat(schema.field("id").orElseThrow().nullable()).as("fragment on an interface of Person").isFalse();
        assertThat(warnings).isEmpty();
    }

    @Test
    void theSubSelectionsOfAFieldSelectedTwiceAreMerged() {
        EntitySchema schema = schemaOf(QueryConfigs.with(typedPeople(), "query", """
                query People($first: Int!, $after: String) {
                  allPeople(first: $first, after: $after) {
                    pageInfo { hasNextPage endCursor }
                    edges { node { id homeworld { name } ...Home } }
                  }
                }
                fragment Home on Person { homeworld { diameter name } }"""));

        assertThat(schema.field("homeworld").orElseThrow().fields()).extracting(SchemaField::name)
                .containsExactly("name", "diameter");
        assertThat(warnings).isEmpty();
    }

    @Test
    void fieldsOfAFragmentOnOneMemberOfAnInterfaceAreNullable() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("name", "search");
        query.put("query", """
                query Search($text: String!) {
                  search(text: $text) { id kind: __typename ... on Person { swapiId height } ... on Planet { swapiId diameter } }
                }""");
        query.put("dataPath", "search");
        query.put("variables", Map.of("text", "oo"));

        EntitySchema schema = schemaOf(query);

        assertThat(schema.fields()).extracting(SchemaField::name)
                .containsExactly("id", "kind", "swapiId", "height", "diameter");
        assertThat(schema.field("id").orElseThrow().nullable()).as("Node.id: ID!").isFalse();
        assertThat(schema.field("kind").orElseThrow().nullable()).isFalse();
        assertThat(schema.field("swapiId").orElseThrow().nullable()).as("Int! on Person and Planet only").isTrue();
        assertThat(schema.field("swapiId").orElseThrow().type()).isEqualTo(FieldType.INTEGER);
        assertThat(schema.field("diameter").orElseThrow().type()).isEqualTo(FieldType.INTEGER);
        assertThat(warnings).isEmpty();
    }

    @Test
    void bigIntAndDecimalScalarsAreIntegerAndNumberReadFromTextOrNumbersExactly() {
        EntitySchema schema = schemaOf(QueryConfigs.with(QueryConfigs.offsetPeople(), "query", """
                query People($limit: Int!, $offset: Int!) {
                  people(limit: $limit, offset: $offset) { totalCount hasMore items { id credits balance mass } }
                }"""));

        assertThat(schema.field("credits")).contains(SchemaField.integer("credits")
                .withFormat(ValueFormat.DECIMAL_STRING)
                .withDescription("Test-controlled whole number of credits; null unless a test sets it."));
        assertThat(schema.field("balance")).contains(SchemaField.number("balance")
                .withFormat(ValueFormat.DECIMAL_STRING)
                .withDescription("Test-controlled exact account balance; null unless a test sets it."));
        // The built-in Float keeps the default format: a JSON number.
        assertThat(schema.field("mass").orElseThrow().format()).isEqualTo(ValueFormat.DEFAULT);
    }

    @Test
    void introspectionFalseSendsNoRequestAndDeclaresNoSchema() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("endpoint", server.endpoint());
        values.put("queries", List.of(typedPeople()));
        values.put("introspection", false);

        List<EntityDescriptor> entities = connector(Config.of(values, new GraphqlConnector().getMetadata()
                .configSchema())).getAvailableEntities();

        assertThat(entities).singleElement().satisfies(entity -> {
            assertThat(entity.name()).isEqualTo("people");
            assertThat(entity.primaryKey()).containsExactly("id");
            assertThat(entity.schema()).isEmpty();
        });
        assertThat(server.requests()).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void introspectionMustBeTrueOrFalse() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("endpoint", server.endpoint());
        values.put("queries", List.of(typedPeople()));
        values.put("introspection", "sometimes");

        assertThatThrownBy(() -> connector(Config.of(values, new GraphqlConnector().getMetadata().configSchema())))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("introspection"))
                .hasMessageContaining("true or false");
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
    void anInterruptWhileWaitingToRetryCancelsTheListing() throws Exception {
        server.enqueue(status(429, Map.of("Retry-After", "30")));
        GraphqlConnector connector = connector(QueryConfigs.config(server.endpoint(), typedPeople()));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread lister = new Thread(() -> {
            try {
                connector.getAvailableEntities();
            } catch (RuntimeException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        lister.start();
        // Asked once, answered 429, now sleeping out the server's 30 s.
        while ((server.requests().isEmpty() || lister.getState() != Thread.State.TIMED_WAITING) && lister.isAlive()) {
            Thread.onSpinWait();
        }
        lister.interrupt();
        lister.join();

        assertThat(thrown.get()).isInstanceOf(CancellationException.class).hasMessageContaining("cancelled");
        assertThat(stillInterrupted).isTrue();
        assertThat(introspectionRequests()).isEqualTo(1);
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

package dev.tributary.connector.graphql;

import static dev.tributary.connector.graphql.QueryConfigs.config;
import static dev.tributary.connector.graphql.QueryConfigs.cursorPeople;
import static dev.tributary.connector.graphql.QueryConfigs.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.connector.graphql.SwapiGraphqlServer.CannedResponse;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.testkit.CountingRateLimiter;
import dev.tributary.testkit.FakeConnectorContext;
import dev.tributary.testkit.RecordingBatches;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphqlConnectorTest {

    private SwapiGraphqlServer server;
    private final CountingRateLimiter limiter = new CountingRateLimiter();
    private GraphqlConnector connector;

    @BeforeEach
    void startServer() {
        server = SwapiGraphqlServer.start();
        connector = new GraphqlConnector();
    }

    @AfterEach
    void stopServer() {
        connector.close();
        server.close();
    }

    private GraphqlConnector initialized(Config config) {
        connector.initialize(new FakeConnectorContext(config, Settings.DEFAULTS, "test-graphql", limiter,
                System.getLogger("test-graphql")));
        return connector;
    }

    @Test
    void describesItselfWithoutInitialization() {
        ConnectorMetadata metadata = new GraphqlConnector().getMetadata();

        assertThat(metadata.id()).isEqualTo("graphql");
        assertThat(metadata.supportedEntities()).isEmpty();
        assertThat(metadata.configSchema().fields()).extracting(ConfigField::name)
                .containsExactly("endpoint", "headers", "queries", "requests_per_second", "introspection",
                        "scalar_types");
        assertThat(metadata.configSchema().field("introspection").orElseThrow())
                .satisfies(field -> assertThat(field.type()).isEqualTo(ConfigFieldType.BOOLEAN))
                .satisfies(field -> assertThat(field.defaultValue()).contains("true"));
        assertThat(metadata.configSchema().field("endpoint").orElseThrow())
                .satisfies(field -> assertThat(field.required()).isTrue())
                .satisfies(field -> assertThat(field.type()).isEqualTo(ConfigFieldType.URL));
        assertThat(metadata.configSchema().field("headers").orElseThrow())
                .satisfies(field -> assertThat(field.secret()).isTrue())
                .satisfies(field -> assertThat(field.type()).isEqualTo(ConfigFieldType.OBJECT));
        assertThat(metadata.configSchema().field("queries").orElseThrow().type()).isEqualTo(ConfigFieldType.LIST);
        assertThat(metadata.icon()).contains("icon.svg");
    }

    @Test
    void shipsItsIconNextToTheClass() throws IOException {
        try (InputStream icon = GraphqlConnector.class.getResourceAsStream("icon.svg")) {
            assertThat(icon).isNotNull();
            assertThat(new String(icon.readAllBytes(), StandardCharsets.UTF_8))
                    .startsWith("<svg").contains("</svg>");
        }
    }

    @Test
    void isRegisteredAsAConnectorService() {
        assertThat(ServiceLoader.load(BaseConnector.class).stream().map(ServiceLoader.Provider::type).toList())
                .contains(GraphqlConnector.class);
    }

    @Test
    void initializationChecksEveryQueryWithoutSendingARequest() {
        initialized(config(server.endpoint(), cursorPeople()));
        assertThat(server.requests()).isEmpty();

        // Listing the entities sends only the schema introspection (see SchemaDiscoveryTest).
        assertThat(connector.getAvailableEntities()).extracting(EntityDescriptor::name).containsExactly("people");
        assertThat(server.requests()).singleElement().satisfies(body -> assertThat(body.get("query").toString())
                .startsWith("query TributaryIntrospection"));
    }

    @Test
    void initializationRejectsAnInvalidQueryBeforeAnyRequest() {
        Config config = config(server.endpoint(), with(cursorPeople(), "query", "query People { allPeople( }"));

        assertThatThrownBy(() -> initialized(config))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("queries[0].query").hasMessageContaining("query 'people'")
                .hasMessageContaining("line 1");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void testConnectionSendsTypenameAndNamesTheRootType() {
        ConnectionTestResult result = initialized(config(server.endpoint(), cursorPeople())).testConnection();

        assertThat(result.success()).isTrue();
        assertThat(result.message()).contains("127.0.0.1/graphql", "Query");
        assertThat(server.requests()).singleElement()
                .satisfies(body -> assertThat(body).containsEntry("query", "{ __typename }"));
        assertThat(limiter.acquired()).isEqualTo(1);
    }

    @Test
    void testConnectionReportsTheHttpStatusOfRejectedCredentials() {
        server.requireHeader("Authorization", "Bearer right");
        Config config = QueryConfigs.configWithHeaders(server.endpoint(), Map.of("Authorization",
                "Bearer canary-wrong-55"), cursorPeople());

        ConnectionTestResult result = initialized(config).testConnection();

        assertThat(result.success()).isFalse();
        assertThat(result.message()).contains("authentication failed", "401", "Bad credentials")
                .doesNotContain("canary-wrong-55");
    }

    @Test
    void testConnectionReportsAGraphqlError() {
        server.enqueue(new CannedResponse(200, Map.of(), "{\"errors\":[{\"message\":\"introspection is disabled\"}]}"));

        ConnectionTestResult result = initialized(config(server.endpoint(), cursorPeople())).testConnection();

        assertThat(result.success()).isFalse();
        assertThat(result.message()).contains("introspection is disabled");
    }

    @Test
    void testConnectionReportsAnHttpErrorStatus() {
        server.enqueue(new CannedResponse(404, Map.of(), "not found"));

        ConnectionTestResult result = initialized(config(server.endpoint(), cursorPeople())).testConnection();

        assertThat(result.success()).isFalse();
        assertThat(result.message()).contains("404");
    }

    @Test
    void testConnectionReportsAnUnreachableEndpointWithoutThrowing() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        ConnectionTestResult result = initialized(config("http://127.0.0.1:" + port + "/graphql", cursorPeople()))
                .testConnection();

        assertThat(result.success()).isFalse();
        assertThat(result.message()).contains("cannot query 127.0.0.1/graphql");
    }

    @Test
    void aJsonConfigFileSyncsEveryEntityOfTheExample() throws IOException {
        Map<String, Object> values;
        try (InputStream in = getClass().getResourceAsStream("/configs/swapi.json")) {
            values = new ObjectMapper().readValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
        }
        values.put("endpoint", server.endpoint());
        values.remove("headers");
        initialized(Config.of(values, connector.getMetadata().configSchema()));

        Map<String, Integer> counts = new LinkedHashMap<>();
        for (EntityDescriptor entity : connector.getAvailableEntities()) {
            RecordingBatches batches = new RecordingBatches();
            connector.fetchEntity(FetchOptions.builder(entity.name()).batchSize(20).onBatch(batches).build());
            counts.put(entity.name(), batches.records().size());
        }

        assertThat(counts).containsExactly(Map.entry("people", 82), Map.entry("planets", 60),
                Map.entry("starships", 36), Map.entry("films", 6));
        assertThat(connector.getAvailableEntities()).extracting(EntityDescriptor::primaryKey)
                .containsExactly(List.of("id"), List.of("id"), List.of("swapiId"), List.of("id"));
    }
}

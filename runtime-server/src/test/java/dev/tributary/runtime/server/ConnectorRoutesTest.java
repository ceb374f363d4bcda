package dev.tributary.runtime.server;

import static dev.tributary.runtime.server.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.runtime.Tributary;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorRoutesTest {

    private static final String TOKEN = "connector-token-0123456789";

    @TempDir
    Path home;

    private Tributary tributary;
    private ApiServer server;
    private ApiClient client;

    @BeforeEach
    void start() throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3, 4});
        tributary = Tributary.builder().home(home).pluginsDir(plugins).build();
        server = TestServers.start(TOKEN, tributary);
        client = new ApiClient(server.uri(), Optional.of(TOKEN));
    }

    @AfterEach
    void stop() {
        server.close();
        tributary.close();
    }

    @Test
    void listsConnectorsWithLinksToTheirIcons() {
        HttpResponse<String> response = client.get("/api/connectors");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode connectors = json(response).path("connectors");
        assertThat(ids(connectors)).contains("bare", "shop");
        JsonNode shop = byField(connectors, "id", "shop");
        assertThat(shop.path("name").asText()).isEqualTo("Test Shop");
        assertThat(shop.path("version").asText()).isEqualTo("1.0.0");
        assertThat(shop.path("icon").asText()).isEqualTo("/api/connectors/shop/icon.svg");
        assertThat(byField(connectors, "id", "bare").path("icon").isNull()).isTrue();
    }

    @Test
    void describesAConnectorsConfigSchemaAndEntities() {
        JsonNode shop = json(client.get("/api/connectors/shop"));

        JsonNode fields = shop.path("configSchema").path("fields");
        assertThat(fields).hasSize(3);
        JsonNode baseUrl = byField(fields, "name", "base_url");
        assertThat(baseUrl.path("type").asText()).isEqualTo("url");
        assertThat(baseUrl.path("required").asBoolean()).isTrue();
        assertThat(baseUrl.path("label").asText()).isEqualTo("Base URL");
        assertThat(byField(fields, "name", "api_key").path("secret").asBoolean()).isTrue();
        assertThat(byField(fields, "name", "region").path("default").asText()).isEqualTo("eu");
        List<String> entities = new ArrayList<>();
        shop.path("entities").forEach(entity -> entities.add(entity.path("name").asText()));
        assertThat(entities).containsExactly("customers", "orders");
        assertThat(shop.path("entities").get(0).path("primaryKey").get(0).asText()).isEqualTo("id");
        assertThat(shop.path("entities").get(0).path("fields").get(1).path("description").asText())
                .isEqualTo("The customer's name");
        assertThat(shop.path("entities").get(1).path("fields").get(2).path("elementFields").get(0).path("name")
                .asText()).isEqualTo("sku");
    }

    @Test
    void saysWhenAConnectorDeclaresNoSchema() {
        JsonNode things = json(client.get("/api/connectors/bare")).path("entities").get(0);

        assertThat(things.path("name").asText()).isEqualTo("things");
        assertThat(things.path("schemaDeclared").asBoolean()).isFalse();
        assertThat(things.path("fields").isArray()).isTrue();
        assertThat(things.path("fields")).isEmpty();
    }

    @Test
    void answersNotFoundForAnUnknownConnector() {
        HttpResponse<String> response = client.get("/api/connectors/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").path("message").asText()).contains("'nope'");
    }

    @Test
    void servesTheIconAsSvgWithAnETagAndCachingHeaders() {
        HttpResponse<String> response = client.get("/api/connectors/shop/icon.svg");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(
                etag -> assertThat(etag).matches("\"[0-9a-f]{32}\""));
        assertThat(response.body()).startsWith("<svg");
    }

    @Test
    void answersNotModifiedWhenTheIconIsUnchanged() {
        String etag = client.get("/api/connectors/shop/icon.svg").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> same = client.send(client.request("/api/connectors/shop/icon.svg")
                .header("If-None-Match", "\"other\", " + etag));
        HttpResponse<String> other = client.send(client.request("/api/connectors/shop/icon.svg")
                .header("If-None-Match", "\"other\""));

        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(same.headers().firstValue("ETag")).hasValue(etag);
        assertThat(other.statusCode()).isEqualTo(200);
    }

    @Test
    void answersNotFoundForAConnectorWithoutIcon() {
        HttpResponse<String> response = client.get("/api/connectors/bare/icon.svg");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void requiresTheTokenForIcons() {
        assertThat(client.withoutToken().get("/api/connectors/shop/icon.svg").statusCode()).isEqualTo(401);
    }

    @Test
    void listsFailedPluginsWithWhyAndWhatToDo() {
        JsonNode plugins = json(client.get("/api/plugins")).path("plugins");

        JsonNode broken = byField(plugins, "name", "broken.jar");
        assertThat(broken.path("status").asText()).isEqualTo("failed");
        assertThat(broken.path("path").asText()).endsWith("broken.jar");
        JsonNode failure = broken.path("failures").get(0);
        assertThat(failure.path("kind").asText()).isEqualTo("corrupt_jar");
        assertThat(failure.path("cause").asText()).isNotBlank();
        assertThat(failure.path("hint").asText()).isNotBlank();
        JsonNode loaded = byField(plugins, "status", "loaded");
        assertThat(loaded.path("kind").asText()).isEqualTo("classpath");
        assertThat(loaded.path("connectors").toString()).contains("shop");
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }

    private static JsonNode byField(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.path(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }
}

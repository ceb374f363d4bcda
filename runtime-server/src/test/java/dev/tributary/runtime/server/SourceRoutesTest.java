package dev.tributary.runtime.server;

import static dev.tributary.runtime.server.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.server.shop.FakeShopApi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SourceRoutesTest {

    private static final String TOKEN = "source-token-0123456789";
    private static final String CANARY = "sk_canary_5f1c9a0e77";

    @TempDir
    Path home;

    private FakeShopApi shop;
    private Tributary tributary;
    private ApiServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        shop = FakeShopApi.start(CANARY, Map.of("customers", 3));
        tributary = TestServers.tributary(home);
        server = TestServers.start(TOKEN, tributary);
        client = new ApiClient(server.uri(), Optional.of(TOKEN));
    }

    @AfterEach
    void stop() {
        server.close();
        tributary.close();
        shop.close();
    }

    private HttpResponse<String> createShop(String name) {
        return client.post("/api/sources", "{\"name\": \"" + name + "\", \"connector\": \"shop\", \"config\": "
                + "{\"base_url\": \"" + shop.baseUrl() + "\", \"api_key\": \"" + CANARY + "\"},"
                + " \"settings\": {\"batchSize\": 2}}");
    }

    @Test
    void createsASourceShowingItsSecretOnlyAsStars() {
        HttpResponse<String> created = createShop("shop_eu");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/sources/shop_eu");
        JsonNode source = json(created);
        assertThat(source.path("connector").asText()).isEqualTo("shop");
        assertThat(source.path("config").path("api_key").asText()).isEqualTo("********");
        assertThat(source.path("config").path("base_url").asText()).isEqualTo(shop.baseUrl());
        assertThat(source.path("settings").path("batchSize").asText()).isEqualTo("2");
        assertThat(source.path("running").asBoolean()).isFalse();
        assertThat(created.body()).doesNotContain(CANARY);
        assertThat(client.get("/api/sources/shop_eu").body()).doesNotContain(CANARY).contains("********");
        HttpResponse<String> list = client.get("/api/sources");
        assertThat(list.body()).doesNotContain(CANARY);
        assertThat(json(list).path("sources").get(0).path("name").asText()).isEqualTo("shop_eu");
    }

    @Test
    void neverLogsTheSecret() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            createShop("shop_eu");
            client.put("/api/sources/shop_eu", "{\"config\": {\"base_url\": \"not a url\"}}");
            client.post("/api/sources/shop_eu/test", "");
            createShop("shop_eu");
            client.post("/api/sources/shop_eu/syncs", "{\"entities\": [\"nope\"]}");
            client.delete("/api/sources/shop_eu");
        } finally {
            root.detachAppender(logged);
        }

        assertThat(logged.list).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getFormattedMessage()).doesNotContain(CANARY);
            if (event.getThrowableProxy() != null) {
                assertThat(event.getThrowableProxy().getMessage()).doesNotContain(CANARY);
            }
        });
    }

    @Test
    void reportsEveryMissingRequiredFieldNextToItsName() {
        HttpResponse<String> response = client.post("/api/sources",
                "{\"name\": \"shop_eu\", \"connector\": \"shop\", \"config\": {\"region\": \"us\"}}");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = json(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_field");
        List<String> fields = new ArrayList<>();
        error.path("problems").forEach(problem -> fields.add(problem.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("base_url", "api_key");
        assertThat(error.path("field").asText()).isIn("base_url", "api_key");
        assertThat(client.get("/api/sources/shop_eu").statusCode()).isEqualTo(404);
    }

    @Test
    void rejectsAnInvalidNameOnTheNameField() {
        HttpResponse<String> response = client.post("/api/sources",
                "{\"name\": \"Shop EU!\", \"connector\": \"shop\", \"config\": {}}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("error").path("field").asText()).isEqualTo("name");
    }

    @Test
    void rejectsAnUnknownConnectorOnTheConnectorField() {
        HttpResponse<String> response = client.post("/api/sources",
                "{\"name\": \"x\", \"connector\": \"nope\", \"config\": {}}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("error").path("field").asText()).isEqualTo("connector");
    }

    @Test
    void refusesADuplicateName() {
        createShop("shop_eu");

        HttpResponse<String> again = createShop("shop_eu");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("error").path("field").asText()).isEqualTo("name");
        assertThat(again.body()).doesNotContain(CANARY);
    }

    @Test
    void answersMalformedJsonWithABadRequest() {
        HttpResponse<String> response = client.post("/api/sources", "{\"name\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("code").asText()).isEqualTo("bad_request");
    }

    @Test
    void rejectsMalformedSettingsAndSchedulesOnTheirFields() {
        HttpResponse<String> settings = client.post("/api/sources", "{\"name\": \"a\", \"connector\": \"bare\","
                + " \"settings\": {\"batchSize\": \"many\"}}");
        HttpResponse<String> schedule = client.post("/api/sources", "{\"name\": \"b\", \"connector\": \"bare\","
                + " \"schedule\": {\"cron\": \"every hour\"}}");
        HttpResponse<String> zone = client.post("/api/sources", "{\"name\": \"c\", \"connector\": \"bare\","
                + " \"schedule\": {\"cron\": \"0 * * * *\", \"zone\": \"Mars/Olympus\"}}");

        assertThat(settings.statusCode()).isEqualTo(422);
        assertThat(json(settings).path("error").path("field").asText()).isEqualTo("settings");
        assertThat(schedule.statusCode()).isEqualTo(422);
        assertThat(json(schedule).path("error").path("field").asText()).isEqualTo("schedule");
        assertThat(json(zone).path("error").path("field").asText()).isEqualTo("schedule");
    }

    @Test
    void setsAndClearsASchedule() {
        HttpResponse<String> created = client.post("/api/sources", "{\"name\": \"nightly\", \"connector\": \"bare\","
                + " \"schedule\": {\"cron\": \"0 3 * * *\", \"zone\": \"Europe/Paris\"}}");
        assertThat(json(created).path("schedule").path("zone").asText()).isEqualTo("Europe/Paris");

        HttpResponse<String> cleared = client.put("/api/sources/nightly", "{\"schedule\": null}");

        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(json(cleared).path("schedule").isNull()).isTrue();
    }

    @Test
    void keepsTheSecretWhenAnUpdateOmitsItOrSendsStars() {
        createShop("shop_eu");

        HttpResponse<String> omitted = client.put("/api/sources/shop_eu", "{\"config\": {\"region\": \"us\"}}");
        HttpResponse<String> stars = client.put("/api/sources/shop_eu",
                "{\"config\": {\"api_key\": \"********\", \"region\": \"ap\"}, \"enabled\": false}");
        HttpResponse<String> empty = client.put("/api/sources/shop_eu", "{\"config\": {\"api_key\": \"\"}}");

        assertThat(omitted.statusCode()).isEqualTo(200);
        assertThat(json(omitted).path("config").path("region").asText()).isEqualTo("us");
        assertThat(json(stars).path("config").path("region").asText()).isEqualTo("ap");
        assertThat(json(stars).path("enabled").asBoolean()).isFalse();
        assertThat(empty.statusCode()).isEqualTo(200);
        JsonNode test = json(client.post("/api/sources/shop_eu/test", ""));
        assertThat(test.path("success").asBoolean()).as(test.toString()).isTrue();
    }

    @Test
    void replacesTheSecretWhenAnUpdateSendsANewOne() {
        createShop("shop_eu");

        HttpResponse<String> changed = client.put("/api/sources/shop_eu",
                "{\"config\": {\"api_key\": \"sk_wrong_key_000\"}}");
        JsonNode test = json(client.post("/api/sources/shop_eu/test", ""));

        assertThat(changed.body()).doesNotContain("sk_wrong_key_000");
        assertThat(test.path("success").asBoolean()).isFalse();
        assertThat(test.path("message").asText()).contains("authentication failed");
    }

    @Test
    void testsTheConnection() {
        createShop("shop_eu");

        HttpResponse<String> response = client.post("/api/sources/shop_eu/test", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("success").asBoolean()).isTrue();
        assertThat(json(response).path("message").asText()).isEqualTo("connected to the shop");
    }

    @Test
    void configurationTheConnectorRefusesWhileInitialisingIsAFieldErrorNotAServerError() {
        createShop("shop_eu");
        client.put("/api/sources/shop_eu", "{\"config\": {\"region\": \"nowhere\"}}");

        HttpResponse<String> entities = client.get("/api/sources/shop_eu/entities");
        JsonNode test = json(client.post("/api/sources/shop_eu/test", ""));

        assertThat(entities.statusCode()).isEqualTo(422);
        assertThat(json(entities).path("error").path("field").asText()).isEqualTo("region");
        assertThat(json(entities).path("error").path("message").asText()).contains("is not a region the shop serves")
                .doesNotContain(CANARY);
        assertThat(test.path("success").asBoolean()).isFalse();
        assertThat(test.path("message").asText()).contains("region").contains("is not a region the shop serves");
    }

    @Test
    void listsTheSourcesEntities() {
        createShop("shop_eu");

        JsonNode entities = json(client.get("/api/sources/shop_eu/entities")).path("entities");

        assertThat(entities).hasSize(2);
        assertThat(entities.get(0).path("name").asText()).isEqualTo("customers");
    }

    @Test
    void givesEachEntitysDeclaredSchemaWithNestedAndElementFields() throws Exception {
        createShop("shop_eu");

        JsonNode entities = json(client.get("/api/sources/shop_eu/entities")).path("entities");

        JsonNode customers = entities.get(0);
        assertThat(customers.path("schemaDeclared").asBoolean()).isTrue();
        assertThat(customers.path("fields")).hasSize(3);
        assertThat(new ObjectMapper().writeValueAsString(customers.path("fields").get(0))).isEqualTo(
                "{\"name\":\"id\",\"type\":\"integer\",\"format\":\"default\",\"nullable\":false,"
                        + "\"description\":\"\",\"fields\":[],\"elementFields\":[]}");
        JsonNode address = customers.path("fields").get(2);
        assertThat(address.path("type").asText()).isEqualTo("object");
        assertThat(address.path("fields").get(0).path("name").asText()).isEqualTo("city");
        assertThat(address.path("elementFields")).isEmpty();
        JsonNode lines = entities.get(1).path("fields").get(2);
        assertThat(lines.path("type").asText()).isEqualTo("array");
        assertThat(lines.path("elementFields").get(1).path("name").asText()).isEqualTo("quantity");
        assertThat(lines.path("elementFields").get(1).path("type").asText()).isEqualTo("integer");
    }

    @Test
    void removesASource() {
        createShop("shop_eu");

        HttpResponse<String> removed = client.delete("/api/sources/shop_eu");

        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(client.get("/api/sources/shop_eu").statusCode()).isEqualTo(404);
        assertThat(client.delete("/api/sources/shop_eu").statusCode()).isEqualTo(404);
    }

    @Test
    void answersNotFoundForEveryOperationOnAnUnknownSource() {
        assertThat(client.get("/api/sources/ghost").statusCode()).isEqualTo(404);
        assertThat(client.put("/api/sources/ghost", "{}").statusCode()).isEqualTo(404);
        assertThat(client.post("/api/sources/ghost/test", "").statusCode()).isEqualTo(404);
        assertThat(client.get("/api/sources/ghost/entities").statusCode()).isEqualTo(404);
        HttpResponse<String> sync = client.post("/api/sources/ghost/syncs", "{}");
        assertThat(sync.statusCode()).isEqualTo(404);
        assertThat(json(sync).path("error").path("message").asText()).contains("ghost");
    }
}

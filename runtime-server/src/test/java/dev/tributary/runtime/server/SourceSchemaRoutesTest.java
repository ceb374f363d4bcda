package dev.tributary.runtime.server;

import static dev.tributary.runtime.server.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.server.shop.FakeShopApi;
import dev.tributary.runtime.source.SourceSyncOptions;
import dev.tributary.runtime.store.RunStatus;
import dev.tributary.runtime.store.RunTrigger;
import dev.tributary.runtime.store.SyncRun;
import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.SyncListener;
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

class SourceSchemaRoutesTest {

    private static final String TOKEN = "schema-token-0123456789";
    private static final String CANARY = "sk_canary_schema_51d0";

    @TempDir
    Path home;

    private FakeShopApi shop;
    private Tributary tributary;
    private ApiServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        shop = FakeShopApi.start(CANARY, Map.of("customers", 3, "orders", 2));
        Map<String, String> environment = Map.of("ENCRYPTION_KEY", Tributary.generateKey().reveal());
        tributary = Tributary.builder().home(home).environment(environment::get)
                .destinationProvider(new LayoutDestinationProvider()).build();
        server = TestServers.start(TOKEN, tributary);
        client = new ApiClient(server.uri(), Optional.of(TOKEN));
    }

    @AfterEach
    void stop() {
        server.close();
        tributary.close();
        shop.close();
    }

    private void createShop(String name, String... targets) {
        String list = targets.length == 0 ? "" : ", \"targetDatabases\": [\"" + String.join("\", \"", targets) + "\"]";
        HttpResponse<String> created = client.post("/api/sources", "{\"name\": \"" + name + "\", \"connector\":"
                + " \"shop\", \"config\": {\"base_url\": \"" + shop.baseUrl() + "\", \"api_key\": \"" + CANARY
                + "\"}" + list + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static JsonNode entity(JsonNode answer, String name) {
        for (JsonNode entity : answer.path("entities")) {
            if (entity.path("name").asText().equals(name)) {
                return entity;
            }
        }
        throw new AssertionError("no entity " + name + " in " + answer);
    }

    @Test
    void showsTheDeclaredFieldsNextToTheDestinationsColumnsAndChildTables() {
        createShop("shop_eu", LayoutDestinationProvider.TYPED);

        HttpResponse<String> response = client.get("/api/sources/shop_eu/schema");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode orders = entity(json(response), "orders");
        assertThat(orders.path("schemaDeclared").asBoolean()).isTrue();
        assertThat(orders.path("fields").get(2).path("name").asText()).isEqualTo("lines");
        assertThat(orders.path("fields").get(2).path("elementFields").get(0).path("name").asText()).isEqualTo("sku");
        JsonNode target = orders.path("tables").get(0);
        assertThat(target.path("targetDatabase").asText()).isEqualTo(LayoutDestinationProvider.TYPED);
        assertThat(target.path("error").isNull()).isTrue();
        JsonNode table = target.path("table");
        assertThat(table.path("name").asText()).isEqualTo("shop_eu_orders");
        assertThat(table.path("keyColumns").get(0).path("name").asText()).isEqualTo("id");
        JsonNode amount = table.path("columns").get(1);
        assertThat(amount.path("name").asText()).isEqualTo("total__amount");
        assertThat(amount.path("type").asText()).isEqualTo("number");
        assertThat(amount.path("sourcePath").asText()).isEqualTo("total.amount");
        assertThat(table.path("columns").get(0).path("description").asText()).isEqualTo("The order's name");
        JsonNode lines = table.path("children").get(0);
        assertThat(lines.path("name").asText()).isEqualTo("shop_eu_orders__lines");
        assertThat(lines.path("parent").asText()).isEqualTo("shop_eu_orders");
        assertThat(names(lines.path("keyColumns"))).containsExactly("_parent_id", "_position");
        assertThat(names(lines.path("columns"))).containsExactly("sku", "quantity");
        assertThat(lines.path("columns").get(1).path("type").asText()).isEqualTo("integer");
    }

    @Test
    void aTableNotCreatedYetIsNull() {
        createShop("shop_eu", LayoutDestinationProvider.TYPED);

        JsonNode customers = entity(json(client.get("/api/sources/shop_eu/schema")), "customers");

        assertThat(customers.path("fields").get(0).path("name").asText()).isEqualTo("id");
        JsonNode target = customers.path("tables").get(0);
        assertThat(target.has("table")).isTrue();
        assertThat(target.path("table").isNull()).isTrue();
        assertThat(target.path("error").isNull()).isTrue();
    }

    @Test
    void aTargetThatCannotBeOpenedIsReportedWhileTheOthersAreRead() {
        createShop("shop_eu", LayoutDestinationProvider.DOWN, LayoutDestinationProvider.TYPED);

        HttpResponse<String> response = client.get("/api/sources/shop_eu/schema");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tables = entity(json(response), "orders").path("tables");
        assertThat(tables).hasSize(2);
        assertThat(tables.get(0).path("targetDatabase").asText()).isEqualTo(LayoutDestinationProvider.DOWN);
        assertThat(tables.get(0).path("table").isNull()).isTrue();
        assertThat(tables.get(0).path("error").asText()).contains("the layouts test database is down");
        assertThat(tables.get(1).path("table").path("name").asText()).isEqualTo("shop_eu_orders");
        assertThat(response.body()).doesNotContain(CANARY);
    }

    @Test
    void aSqliteTargetAnswersWithItsTablesOnceSyncedWhateverItStores() {
        createShop("shop_eu");
        SyncRun run = tributary.syncSource("shop_eu", new SourceSyncOptions(List.of(), false, RunTrigger.API),
                SyncListener.NONE, new CancelHandle());
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);

        JsonNode customers = entity(json(client.get("/api/sources/shop_eu/schema")), "customers");

        JsonNode target = customers.path("tables").get(0);
        assertThat(target.path("targetDatabase").asText()).startsWith("jdbc:sqlite:").endsWith("warehouse.db");
        assertThat(target.path("error").isNull()).isTrue();
        // A JSON-only destination reports no layout; a typed one its table with the synced field as a column.
        if (!target.path("table").isNull()) {
            assertThat(target.path("table").path("name").asText()).isEqualTo("shop_eu_customers");
            assertThat(names(target.path("table").path("columns"))).contains("name");
        }
    }

    @Test
    void anUnknownSourceIsNotFoundAndATokenIsNeeded() {
        assertThat(client.get("/api/sources/nope/schema").statusCode()).isEqualTo(404);
        assertThat(new ApiClient(server.uri(), Optional.empty()).get("/api/sources/nope/schema").statusCode())
                .isEqualTo(401);
    }

    private static List<String> names(JsonNode columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(column -> names.add(column.path("name").asText()));
        return names;
    }
}

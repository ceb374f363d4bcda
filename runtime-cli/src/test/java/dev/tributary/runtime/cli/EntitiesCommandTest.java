package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntitiesCommandTest {

    @TempDir
    Path home;

    private final Map<String, String> environment = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        Cli.install("good-schema", Files.createDirectories(home.resolve("plugins")));
        environment.put("ENCRYPTION_KEY", Cli.run("keygen").out().trim());
        environment.put("CUSTOM", "loyalty_tier");
    }

    private Cli tributary(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", home.toString()));
        return Cli.run(environment, all.toArray(String[]::new));
    }

    @Test
    void printsAStoredSourcesSchemasWithNestedPathsAndTheFieldsItDiscovered() {
        assertThat(tributary("sources", "add", "shop", "--connector", "schematic", "--config",
                "custom_field=env:CUSTOM").exitCode()).isZero();

        Cli cli = tributary("entities", "shop", "--schema");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out())
                .contains("orders (primary key id, cursor created)")
                .containsPattern("FIELD\\s+TYPE\\s+FORMAT\\s+NULLABLE\\s+DESCRIPTION")
                .containsPattern("\n  id\\s+string\\s+-\\s+no\\s+The order id\n")
                .containsPattern("\n  created\\s+timestamp\\s+epoch_seconds\\s+no\\s+When it was placed\n")
                .containsPattern("\n  customer\\s+object\\s+-\\s+yes\n")
                .containsPattern("\n  customer\\.address\\.city\\s+string\\s+-\\s+yes\\s+City name\n")
                .containsPattern("\n  items\\s+array\\s+-\\s+yes\n")
                .containsPattern("\n  items\\[\\]\\.sku\\s+string\\s+-\\s+no\n")
                .containsPattern("\n  items\\[\\]\\.price\\s+number\\s+decimal_string\\s+yes\n")
                .containsPattern("\n  tags\\s+array\\s+-\\s+yes\\s+Free labels\n")
                .containsPattern("\n  custom\\.loyalty_tier\\s+string\\s+-\\s+yes\\s+Discovered\n")
                .contains("notes (primary key id)\n  no schema declared\n");
        assertThat(cli.out().indexOf("customer.name")).isLessThan(cli.out().indexOf("customer.address.city"));
    }

    @Test
    void showsEachTargetDatabasesTablesNextToTheDeclaredFields() throws Exception {
        assertThat(tributary("sources", "add", "shop", "--connector", "schematic", "--config",
                "custom_field=env:CUSTOM").exitCode()).isZero();

        Cli text = tributary("entities", "shop", "--schema");
        assertThat(text.exitCode()).as(text.err()).isZero();
        String warehouse = home.resolve("warehouse.db").toString();
        assertThat(text.out()).contains("notes (primary key id)\n  no schema declared\n  no typed table in jdbc:sqlite:"
                + warehouse + " (not synced yet, or the destination stores records as _record JSON only)\n");

        assertThat(tributary("sync", "shop").exitCode()).isZero();
        JsonNode entities = json.readTree(tributary("entities", "shop", "--schema", "--json").out());
        JsonNode orders = entities.get(0);
        assertThat(orders.get("name").asText()).isEqualTo("orders");
        assertThat(orders.get("fields").get(0).get("name").asText()).isEqualTo("id");
        JsonNode target = orders.get("tables").get(0);
        assertThat(target.get("targetDatabase").asText()).isEqualTo("jdbc:sqlite:" + warehouse);
        assertThat(target.get("error").isNull()).isTrue();
        assertThat(target.has("table")).isTrue();
        // JSON-only SQLite tables report no layout; typed ones their table with the synced field as a column.
        if (!target.get("table").isNull()) {
            assertThat(target.get("table").get("name").asText()).isEqualTo("shop_orders");
            assertThat(target.get("table").get("columns").findValuesAsText("name")).contains("created");
        }
    }

    @Test
    void namesATargetDatabaseThatCannotBeReadWithoutItsPassword() {
        assertThat(tributary("sources", "add", "shop", "--connector", "schematic", "--config",
                "custom_field=env:CUSTOM", "--destination",
                "jdbc:postgresql://127.0.0.1:1/warehouse?user=tributary&password=hunter2-canary").exitCode()).isZero();

        Cli cli = tributary("entities", "shop", "--schema");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("orders (primary key id, cursor created)")
                .containsPattern("\n  tables in jdbc:postgresql://127\\.0\\.0\\.1:1/warehouse\\?user=tributary"
                        + "&password=\\*{8} could not be read: target database could not be opened: .+\n");
        assertThat(cli.out() + cli.err()).doesNotContain("hunter2-canary");
    }

    @Test
    void printsTheSchemaAsJsonWithNestedAndElementFields() throws Exception {
        Cli cli = tributary("entities", "--connector", "schematic", "--schema", "--json");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode entities = json.readTree(cli.out());
        assertThat(entities).hasSize(2);
        JsonNode orders = entities.get(0);
        assertThat(orders.get("name").asText()).isEqualTo("orders");
        assertThat(orders.get("primaryKey").get(0).asText()).isEqualTo("id");
        assertThat(orders.get("cursorField").asText()).isEqualTo("created");
        assertThat(orders.get("schemaDeclared").asBoolean()).isTrue();
        List<String> names = new ArrayList<>();
        orders.get("fields").forEach(field -> names.add(field.get("name").asText()));
        assertThat(names).containsExactly("id", "total", "created", "customer", "items", "tags", "metadata");
        JsonNode created = orders.get("fields").get(2);
        assertThat(json.writeValueAsString(created)).isEqualTo("{\"name\":\"created\",\"type\":\"timestamp\","
                + "\"format\":\"epoch_seconds\",\"nullable\":false,\"description\":\"When it was placed\","
                + "\"fields\":[],\"elementFields\":[]}");
        JsonNode city = orders.get("fields").get(3).get("fields").get(1).get("fields").get(0);
        assertThat(city.get("name").asText()).isEqualTo("city");
        assertThat(city.get("description").asText()).isEqualTo("City name");
        JsonNode items = orders.get("fields").get(4);
        assertThat(items.get("type").asText()).isEqualTo("array");
        assertThat(items.get("fields")).isEmpty();
        assertThat(items.get("elementFields").get(1).get("name").asText()).isEqualTo("price");
        assertThat(items.get("elementFields").get(1).get("type").asText()).isEqualTo("number");
        assertThat(items.get("elementFields").get(1).get("format").asText()).isEqualTo("decimal_string");
        assertThat(orders.get("fields").get(5).get("elementFields")).isEmpty();
        JsonNode notes = entities.get(1);
        assertThat(notes.get("schemaDeclared").asBoolean()).isFalse();
        assertThat(notes.get("fields")).isEmpty();
    }

    @Test
    void initialisesAConnectorGivenItsConfigurationToShowDiscoveredFields() {
        Cli declared = tributary("entities", "--connector", "schematic", "--schema");
        Cli configured = tributary("entities", "--connector", "schematic", "--config", "custom_field=region",
                "--schema");

        assertThat(declared.exitCode()).as(declared.err()).isZero();
        assertThat(declared.out()).contains("customer.address.city").doesNotContain("custom.");
        assertThat(configured.exitCode()).as(configured.err()).isZero();
        assertThat(configured.out()).containsPattern("\n  custom\\.region\\s+string");
    }

    @Test
    void listsEntitiesWithoutSchemaAsBefore() {
        Cli cli = tributary("entities", "--connector", "schematic");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).containsPattern("ENTITY\\s+PRIMARY KEY\\s+CURSOR\\s+DESCRIPTION")
                .containsPattern("orders\\s+id\\s+created\\s+Orders placed")
                .doesNotContain("customer.address");
    }

    @Test
    void refusesAmbiguousOrMisplacedArgumentsAsUsageErrors() {
        Cli neither = tributary("entities", "--schema");
        Cli both = tributary("entities", "shop", "--connector", "schematic");
        Cli configForStored = tributary("entities", "shop", "--config", "custom_field=x");
        Cli unknown = tributary("entities", "--connector", "nope", "--schema");
        Cli invalid = tributary("entities", "--connector", "schematic", "--config", "colour=red");

        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("give either a data source NAME or --connector ID");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(configForStored.exitCode()).isEqualTo(2);
        assertThat(configForStored.err()).contains("--config/--config-file apply to --connector");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("nope").contains("schematic");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("colour: is not a field of connector 'schematic'");
    }

    @Test
    void connectorsShowCountsEachEntitysDeclaredFields() throws Exception {
        Cli text = tributary("connectors", "show", "schematic");
        JsonNode shown = json.readTree(tributary("connectors", "show", "schematic", "--json").out());

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("NAME\\s+PRIMARY KEY\\s+CURSOR\\s+FIELDS\\s+DESCRIPTION")
                .containsPattern("orders\\s+id\\s+created\\s+13\\s+Orders placed")
                .containsPattern("notes\\s+id\\s+-\\s+-\\s+Free notes")
                .contains("tributary entities --connector schematic --schema");
        assertThat(shown.get("entities").get(0).get("fields").get(3).get("fields").get(1).get("name").asText())
                .isEqualTo("address");
        assertThat(shown.get("entities").get(1).get("schemaDeclared").asBoolean()).isFalse();
    }
}

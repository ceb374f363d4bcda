package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncCommandTest {

    private static final String CANARY = "canary-pw-5521";

    @TempDir
    Path home;

    @BeforeEach
    void installPlugin() throws IOException {
        Cli.install("good-simple", Files.createDirectories(home.resolve("plugins")));
    }

    private Cli sync(String... arguments) {
        List<String> all = new ArrayList<>(List.of("sync", "--home", home.toString(), "--connector", "simple"));
        all.addAll(List.of(arguments));
        return Cli.run(all.toArray(String[]::new));
    }

    private int rows(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("warehouse.db"));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getInt(1);
        }
    }

    @Test
    void syncsIntoTheDefaultWarehouseAndPrintsASummary() throws Exception {
        Cli cli = sync("--config", "count=12");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).containsPattern("items\\s+done\\s+12\\s+0").contains("Synced 1 entities");
        assertThat(rows("simple_items")).isEqualTo(12);
    }

    @Test
    void printsTheSummaryAsJson() throws Exception {
        Cli cli = sync("--config", "count=4", "--json", "--table-prefix", "raw", "--entity", "items");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.get("succeeded").asBoolean()).isTrue();
        assertThat(json.get("entities").get(0).get("entity").asText()).isEqualTo("items");
        assertThat(json.get("entities").get(0).get("records").asLong()).isEqualTo(4);
        assertThat(json.get("entities").get(0).get("status").asText()).isEqualTo("done");
        assertThat(rows("raw_items")).isEqualTo(4);
    }

    @Test
    void aPluginThatDeclaresNoBudgetSyncsAtTheRuntimeDefaultAndSaysSo() {
        Cli cli = sync("--config", "count=2");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err()).contains("sync: request budget 10 req/s (runtime default: the connector declares no"
                + " budget)");
        assertThat(cli.out()).contains("Request budget 10 req/s (runtime default:").contains("not limiting");
    }

    @Test
    void aBudgetThatHeldRequestsBackIsNamedAsTheLimitWithTheOptionToRaiseIt() throws Exception {
        Cli text = sync("--config", "requests=8", "--requests-per-second", "20");
        Cli json = sync("--config", "requests=8", "--requests-per-second", "20", "--json", "--full-refresh");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.err()).contains("sync: request budget 20 req/s (setting: the requestsPerSecond setting)");
        assertThat(text.out()).contains("Limited by the request budget: 20 req/s (setting: the requestsPerSecond"
                + " setting); raise with --requests-per-second");
        JsonNode budget = new ObjectMapper().readTree(json.out()).get("requestBudget");
        assertThat(budget.get("requestsPerSecond").asDouble()).isEqualTo(20.0);
        assertThat(budget.get("origin").asText()).isEqualTo("setting");
        assertThat(budget.get("limiting").asBoolean()).isTrue();
        assertThat(budget.get("summary").asText()).startsWith("limited by the request budget: 20 req/s");
    }

    @Test
    void readsConfigurationFromAFileOverriddenByArguments() throws Exception {
        Path file = Files.writeString(home.resolve("config.json"), "{\"count\": 7}");

        assertThat(sync("--config-file", file.toString()).exitCode()).isZero();
        assertThat(rows("simple_items")).isEqualTo(7);
        assertThat(sync("--config-file", file.toString(), "--config", "count=9", "--full-refresh").exitCode())
                .isZero();
        assertThat(rows("simple_items")).isEqualTo(9);
    }

    @Test
    void invalidConfigurationExitsTwoNamingEveryFieldBeforeAnyWork() {
        Cli cli = sync("--config", "count=lots", "--config", "colour=" + CANARY);

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("count").contains("colour").doesNotContain(CANARY).doesNotContain("lots");
        assertThat(home.resolve("warehouse.db")).doesNotExist();
    }

    @Test
    void configurationTheConnectorRefusesWhileInitialisingExitsTwoBeforeAnyWork() {
        Cli cli = sync("--config", "count=-4");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(2);
        assertThat(cli.err()).contains("count").contains("must not be negative");
        assertThat(cli.out()).as("no sync summary: nothing ran").isEmpty();
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        assertThat(sync("--config", "count=env:TRIBUTARY_TEST_UNSET_VARIABLE").exitCode()).isEqualTo(2);
        assertThat(sync("--batch-size", "0").exitCode()).isEqualTo(2);
        assertThat(sync("--entity", "invoices").err()).contains("unknown entity 'invoices'");
        assertThat(sync("--entity", "invoices").exitCode()).isEqualTo(2);
        assertThat(Cli.run("sync", "--home", home.toString(), "--connector", "nope").exitCode()).isEqualTo(2);
        Path malformed = Files.writeString(home.resolve("bad.json"), "{\"count\": ");
        assertThat(sync("--config-file", malformed.toString()).err()).contains("is not a JSON object");
    }

    @Test
    void badDestinationUrlExitsTwo() {
        Cli cli = sync("--destination", "mysql://root:" + CANARY + "@localhost/db");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("unsupported destination URL scheme").doesNotContain(CANARY);
    }

    @Test
    void unreachableDatabaseExitsOneWithoutShowingThePassword() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Cli cli = sync("--destination", "jdbc:postgresql://127.0.0.1:" + port + "/w?user=u&password=" + CANARY);

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("cannot connect to PostgreSQL").doesNotContain(CANARY);
        assertThat(cli.out()).doesNotContain(CANARY);
    }

    @Test
    void failedEntityExitsOne() {
        // The plugin hands all its records in one batch, larger than the batch size: the engine rejects it.
        Cli cli = sync("--config", "count=20", "--batch-size", "5");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).containsPattern("items\\s+failed").contains("exceeds the batch size 5")
                .contains("did not finish");
    }
}

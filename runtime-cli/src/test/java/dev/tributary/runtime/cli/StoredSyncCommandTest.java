package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredSyncCommandTest {

    @TempDir
    Path home;

    private final Map<String, String> environment = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        Cli.install("good-secret", Files.createDirectories(home.resolve("plugins")));
        environment.put("ENCRYPTION_KEY", Cli.run("keygen").out().trim());
        assertThat(tributary("sources", "add", "shop", "--connector", "secretive", "--config", "api_key=k",
                "--config", "count=5", "--setting", "batchSize=2",
                "--destination", "jdbc:sqlite:" + home.resolve("a.db"),
                "--destination", "jdbc:sqlite:" + home.resolve("b.db")).exitCode()).isZero();
    }

    private Cli tributary(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--home";
        all[args.length + 1] = home.toString();
        return Cli.run(environment, all);
    }

    @Test
    void syncsIntoEveryTargetAndRecordsTheRun() throws Exception {
        Cli sync = tributary("sync", "shop");

        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.out()).contains("of shop: SUCCEEDED").contains("10 records")
                .containsPattern("jdbc:sqlite:.*a\\.db\\s+items\\s+SUCCEEDED\\s+5");
        assertThat(count(home.resolve("a.db"), "shop_items")).isEqualTo(5);
        assertThat(count(home.resolve("b.db"), "shop_items")).isEqualTo(5);

        JsonNode runs = json.readTree(tributary("runs", "shop", "--json", "--limit", "5").out());
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(runs.get(0).get("trigger").asText()).isEqualTo("cli");
        assertThat(runs.get(0).get("entities")).hasSize(2);
        assertThat(tributary("runs").out()).containsPattern("shop\\s+cli\\s+\\S+\\s+[0-9.]+ s\\s+SUCCEEDED\\s+10");
    }

    @Test
    void syncsTheRequestedEntityWithFullRefreshAsJson() throws Exception {
        Cli sync = tributary("sync", "shop", "--entity", "items", "--full-refresh", "--json");

        assertThat(sync.exitCode()).as(sync.err()).isZero();
        JsonNode run = json.readTree(sync.out());
        assertThat(run.get("records").asLong()).isEqualTo(10);
        assertThat(run.get("entities").get(0).get("entity").asText()).isEqualTo("items");
    }

    @Test
    void failsWithExitOneOnAnUnknownEntity() {
        Cli sync = tributary("sync", "shop", "--entity", "orders");

        assertThat(sync.exitCode()).isEqualTo(1);
        assertThat(sync.out()).contains("FAILED").contains("unknown entity 'orders'; available: items");
    }

    @Test
    void refusesAdHocOptionsOnAStoredSourceAndNeitherNameNorConnector() {
        Cli both = tributary("sync", "shop", "--connector", "secretive");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("give either a data source NAME or --connector ID");
        assertThat(tributary("sync").exitCode()).isEqualTo(2);

        Cli adHocOption = tributary("sync", "shop", "--config", "count=9", "--batch-size", "5");
        assertThat(adHocOption.exitCode()).isEqualTo(2);
        assertThat(adHocOption.err()).contains("--config/--config-file, --batch-size/--requests-per-second/"
                + "--max-retries apply to ad-hoc syncs").contains("tributary sources update shop");
    }

    @Test
    void listsEntitiesAndTestsTheConnection() throws Exception {
        Cli entities = tributary("entities", "shop");
        assertThat(entities.out()).containsPattern("items\\s+id\\s+-\\s+Numbered items");
        assertThat(json.readTree(tributary("entities", "shop", "--json").out()).get(0).get("name").asText())
                .isEqualTo("items");

        Cli test = tributary("test", "shop", "--json");
        assertThat(test.exitCode()).isZero();
        assertThat(json.readTree(test.out()).get("success").asBoolean()).isTrue();
    }

    @Test
    void rotatesTheKeyAndKeepsEverySourceReadable() {
        environment.put("ENCRYPTION_KEY_PREVIOUS", environment.get("ENCRYPTION_KEY"));
        environment.put("ENCRYPTION_KEY", Cli.run("keygen").out().trim());

        Cli rotate = tributary("keys", "rotate");

        assertThat(rotate.exitCode()).as(rotate.err()).isZero();
        assertThat(rotate.out()).contains("Re-encrypted 1 data source(s)");
        assertThat(tributary("test", "shop").exitCode()).isZero();
        environment.put("ENCRYPTION_KEY", environment.get("ENCRYPTION_KEY_PREVIOUS"));
        Cli wrongKey = tributary("sources", "show", "shop");
        assertThat(wrongKey.exitCode()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("was encrypted with another key");
    }

    @Test
    void keygenPrintsAFreshHexKey() {
        String first = Cli.run("keygen").out().trim();

        assertThat(first).matches("[0-9a-f]{64}");
        assertThat(Cli.run("keygen").out().trim()).isNotEqualTo(first);
    }

    private static long count(Path database, String table) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

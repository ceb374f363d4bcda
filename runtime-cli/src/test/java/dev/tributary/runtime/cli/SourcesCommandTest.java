package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesCommandTest {

    private static final String CANARY = "sk_live_CANARY_cli_5d21";

    @TempDir
    Path home;

    private final Map<String, String> environment = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        Cli.install("good-secret", Files.createDirectories(home.resolve("plugins")));
        environment.put("ENCRYPTION_KEY", Cli.run("keygen").out().trim());
        environment.put("SHOP_KEY", CANARY);
    }

    private Cli tributary(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--home";
        all[args.length + 1] = home.toString();
        return Cli.run(environment, all);
    }

    @Test
    void addsShowsListsAndRemovesASourceWithTheSecretMasked() throws Exception {
        Cli added = tributary("sources", "add", "shop", "--connector", "secretive", "--config", "api_key=env:SHOP_KEY",
                "--config", "count=4", "--setting", "batchSize=2", "--setting", "requestTimeout=10s",
                "--schedule", "0 * * * *", "--timezone", "Europe/Paris");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("Added data source shop.").contains("api_key = ********")
                .contains("batchSize = 2").contains("requestTimeout = PT10S").contains("0 * * * * (Europe/Paris)");

        JsonNode shown = json.readTree(tributary("sources", "show", "shop", "--json").out());
        assertThat(shown.get("config").get("api_key").asText()).isEqualTo("********");
        assertThat(shown.get("config").get("count").asLong()).isEqualTo(4);
        assertThat(shown.get("targetDatabases").get(0).asText()).isEqualTo("jdbc:sqlite:" + home.resolve(
                "warehouse.db").toAbsolutePath());
        assertThat(shown.get("schedule").get("timezone").asText()).isEqualTo("Europe/Paris");

        Cli listed = tributary("sources", "list");
        assertThat(listed.out()).containsPattern("NAME\\s+CONNECTOR\\s+TARGETS\\s+SCHEDULE\\s+ENABLED")
                .containsPattern("shop\\s+secretive");
        assertThat(json.readTree(tributary("sources", "--json").out())).hasSize(1);

        Cli removed = tributary("sources", "remove", "shop");
        assertThat(removed.exitCode()).isZero();
        assertThat(tributary("sources", "list").out()).contains("No data sources.");
        assertThat(added.out() + added.err() + listed.out() + shown).doesNotContain(CANARY);
    }

    @Test
    void namesEveryInvalidFieldAndExitsWithUsageError() {
        Cli cli = tributary("sources", "add", "shop", "--connector", "secretive", "--config", "count=lots",
                "--config", "colour=" + CANARY);

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("api_key: is required").contains("count: must be a whole number")
                .contains("colour: is not a field of connector 'secretive'").doesNotContain(CANARY);
        assertThat(tributary("sources", "list").out()).contains("No data sources.");
    }

    @Test
    void refusesBadNamesSettingsSchedulesAndDuplicates() {
        assertThat(tributary("sources", "add", "Shop-1", "--connector", "secretive", "--config", "api_key=k")
                .err()).contains("data source name 'Shop-1' must match [a-z][a-z0-9_]*");
        assertThat(tributary("sources", "add", "shop", "--connector", "secretive", "--config", "api_key=k",
                "--setting", "speed=9").err()).contains("unknown setting 'speed'");
        assertThat(tributary("sources", "add", "shop", "--connector", "secretive", "--config", "api_key=k",
                "--schedule", "hourly").err()).contains("schedule 'hourly' is not a Unix cron expression");
        assertThat(tributary("sources", "add", "shop", "--connector", "secretive", "--config", "api_key=k")
                .exitCode()).isZero();
        Cli duplicate = tributary("sources", "add", "shop", "--connector", "secretive", "--config", "api_key=k");
        assertThat(duplicate.exitCode()).isEqualTo(2);
        assertThat(duplicate.err()).contains("a data source named 'shop' exists already");
    }

    @Test
    void updateThatOmitsTheSecretKeepsIt() throws Exception {
        Files.writeString(home.resolve("shop.json"), "{\"api_key\": \"bad-" + CANARY + "\", \"count\": 2}");
        tributary("sources", "add", "shop", "--connector", "secretive", "--config-file",
                home.resolve("shop.json").toString());

        Cli updated = tributary("sources", "update", "shop", "--config", "count=6", "--disable", "--json");

        assertThat(updated.exitCode()).as(updated.err()).isZero();
        JsonNode source = json.readTree(updated.out());
        assertThat(source.get("config").get("count").asLong()).isEqualTo(6);
        assertThat(source.get("config").get("api_key").asText()).isEqualTo("********");
        assertThat(source.get("enabled").asBoolean()).isFalse();
        Cli test = tributary("test", "shop");
        assertThat(test.exitCode()).isEqualTo(1);
        assertThat(test.err()).contains("shop: connection failed: authentication failed: the API key was rejected");
        assertThat(updated.out() + test.out() + test.err()).doesNotContain(CANARY);
    }

    @Test
    void reportsAnUnknownSourceAndAMissingKey() {
        Cli unknown = tributary("sources", "show", "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no data source named 'nope'");

        environment.remove("ENCRYPTION_KEY");
        Cli noKey = tributary("sources", "add", "shop", "--connector", "secretive", "--config", "api_key=k");
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("ENCRYPTION_KEY is not set").contains("tributary keygen");
    }
}

package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorsCommandTest {

    @TempDir
    Path home;

    private Path plugins;

    @BeforeEach
    void installPlugins() throws Exception {
        plugins = Files.createDirectories(home.resolve("plugins"));
        Cli.install("good-simple", plugins);
        Cli.install("broken-no-service", plugins);
    }

    @Test
    void listsTheAvailableConnectorsAndSkipsBrokenPlugins() {
        Cli cli = Cli.run("connectors", "--home", home.toString());

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out().lines()).hasSize(2);
        assertThat(cli.out()).containsPattern("ID\\s+NAME\\s+VERSION\\s+ENTITIES\\s+PLUGIN")
                .containsPattern("simple\\s+Simple\\s+1\\.0\\.0\\s+items\\s+good-simple\\.jar");
    }

    @Test
    void printsJson() throws Exception {
        Cli cli = Cli.run("connectors", "--json", "--home", home.toString());

        assertThat(cli.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("id").asText()).isEqualTo("simple");
        assertThat(json.get(0).get("entities").get(0).asText()).isEqualTo("items");
        assertThat(json.get(0).get("plugin").asText()).isEqualTo(plugins.resolve("good-simple.jar").toString());
    }

    @Test
    void showsOneConnectorsMetadataFieldsEntitiesAndIcon() {
        Cli cli = Cli.run("connectors", "show", "simple", "--home", home.toString());

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("Simple (simple) 1.0.0").contains("Emits numbered items.")
                .contains("icon:   icon.svg")
                .containsPattern("count\\s+integer\\s+no\\s+no\\s+3\\s+Count: How many items to emit")
                .containsPattern("items\\s+id\\s+-\\s+-\\s+Numbered items");
    }

    @Test
    void showsOneConnectorAsJson() throws Exception {
        Cli cli = Cli.run("connectors", "show", "simple", "--json", "--home", home.toString());

        assertThat(cli.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.get("icon").get("present").asBoolean()).isTrue();
        assertThat(json.get("configFields").get(0).get("name").asText()).isEqualTo("count");
        assertThat(json.get("configFields").get(0).get("default").asText()).isEqualTo("3");
        assertThat(json.get("entities").get(0).get("primaryKey").get(0).asText()).isEqualTo("id");
    }

    @Test
    void anUnknownConnectorIsAUsageErrorNamingTheAvailableOnes() {
        Cli cli = Cli.run("connectors", "show", "stripe", "--home", home.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("no connector with id 'stripe'; available: simple");
        assertThat(cli.out()).isEmpty();
    }
}

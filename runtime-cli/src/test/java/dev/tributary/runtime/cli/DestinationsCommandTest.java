package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DestinationsCommandTest {

    @Test
    void listsTheBuiltInDestinationWithItsUrlForms() {
        Cli cli = Cli.run("destinations");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).containsPattern("ID\\s+NAME\\s+URL FORMS\\s+TYPED\\s+PROVIDER")
                .containsPattern("jdbc\\s+SQLite and PostgreSQL \\(built in\\)\\s+jdbc:sqlite:/path/file.db, "
                        + "jdbc:postgresql://host:port/database\\s+yes\\s+built in");
    }

    @Test
    void printsJson() throws Exception {
        Cli cli = Cli.run("destinations", "--json");

        assertThat(cli.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.get(0).get("id").asText()).isEqualTo("jdbc");
        assertThat(json.get(0).get("urlForms")).extracting(JsonNode::asText)
                .containsExactly("jdbc:sqlite:/path/file.db", "jdbc:postgresql://host:port/database");
        assertThat(json.get(0).get("builtIn").asBoolean()).isTrue();
    }

    @Test
    void listsADestinationLoadedFromThePluginsFolderWithItsPlugin(@TempDir Path home) throws Exception {
        Path plugin = Cli.installFolder("good-destination", Files.createDirectories(home.resolve("plugins")));

        Cli text = Cli.run("destinations", "--home", home.toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).containsPattern("jsonfile\\s+JSON files \\(test plugin\\)\\s+jsonfile:DIRECTORY\\s+no\\s+"
                + "dev.tributary.testplugin.destination.JsonFileDestinationProvider \\(" + Pattern.quote(plugin.toString()));

        JsonNode json = new ObjectMapper().readTree(Cli.run("destinations", "--json", "--home", home.toString()).out());
        JsonNode jsonfile = StreamSupport.stream(json.spliterator(), false)
                .filter(node -> node.get("id").asText().equals("jsonfile")).findFirst().orElseThrow();
        assertThat(jsonfile.get("urlForms")).extracting(JsonNode::asText).containsExactly("jsonfile:DIRECTORY");
        assertThat(jsonfile.get("builtIn").asBoolean()).isFalse();
        assertThat(jsonfile.get("plugin").asText()).contains(plugin.toString());
    }

    @Test
    void anUnknownDestinationUrlNamesEveryInstalledUrlFormIncludingPlugins(@TempDir Path home) throws Exception {
        Cli.installFolder("good-destination", Files.createDirectories(home.resolve("plugins")));
        Cli.install("good-simple", home.resolve("plugins"));

        Cli cli = Cli.run("sync", "--home", home.toString(), "--connector", "simple", "--destination", "parquet:/x");

        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.err()).contains("unsupported destination URL scheme 'parquet:'").contains("jsonfile:DIRECTORY")
                .contains("jdbc:sqlite:/path/file.db");
    }

    @Test
    void syncsIntoAPluginDestination(@TempDir Path home) throws Exception {
        Cli.installFolder("good-destination", Files.createDirectories(home.resolve("plugins")));
        Cli.install("good-simple", home.resolve("plugins"));
        Path warehouse = home.resolve("json");

        Cli cli = Cli.run("sync", "--home", home.toString(), "--connector", "simple", "--config", "count=12",
                "--destination", "jsonfile:" + warehouse);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(new ObjectMapper().readTree(warehouse.resolve("simple_items.json").toFile()).get("rows").size())
                .isEqualTo(12);
    }
}

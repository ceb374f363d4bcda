package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCommandTest {

    @TempDir
    Path home;

    private Path plugins;

    @BeforeEach
    void installPlugins() throws Exception {
        plugins = Files.createDirectories(home.resolve("plugins"));
        Cli.install("good-simple", plugins);
        Files.writeString(plugins.resolve("corrupt.jar"), "garbage");
    }

    @Test
    void listsLoadedAndFailedPluginsWithCauseAndHint() {
        Cli cli = Cli.run("plugins", "--home", home.toString());

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).containsPattern("failed\\s+" + java.util.regex.Pattern.quote(
                plugins.resolve("corrupt.jar").toString()) + "\\s+-")
                .containsPattern("STATUS\\s+PLUGIN\\s+CONNECTORS\\s+DESTINATIONS")
                .containsPattern("loaded\\s+.*good-simple.jar\\s+simple\\s+-")
                .contains("cause: the file is not a readable jar")
                .contains("hint:  replace the file with a complete copy of the plugin jar");
    }

    @Test
    void printsJsonToStandardOutput() throws Exception {
        Cli cli = Cli.run("plugins", "--json", "--plugins", plugins.toString(), "--home", home.toString());

        assertThat(cli.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("path").asText()).isEqualTo(plugins.resolve("corrupt.jar").toString());
        assertThat(json.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(json.get(0).get("failures").get(0).get("kind").asText()).isEqualTo("CORRUPT_JAR");
        assertThat(json.get(0).get("failures").get(0).get("cause").asText()).contains("not a readable jar");
        assertThat(json.get(1).get("status").asText()).isEqualTo("loaded");
        assertThat(json.get(1).get("spiVersion").asText()).isEqualTo(dev.tributary.spi.SpiVersion.CURRENT);
        assertThat(json.get(1).get("connectors").get(0).asText()).isEqualTo("simple");
        assertThat(json.get(1).get("destinations")).isEmpty();
    }

    @Test
    void listsADestinationPluginNextToConnectorPlugins() throws Exception {
        Path plugin = Cli.installFolder("good-destination", plugins);

        Cli text = Cli.run("plugins", "--home", home.toString());
        assertThat(text.out()).containsPattern("loaded\\s+" + java.util.regex.Pattern.quote(plugin.toString())
                + ".*\\s+-\\s+jsonfile");

        JsonNode json = new ObjectMapper().readTree(Cli.run("plugins", "--json", "--home", home.toString()).out());
        assertThat(json.get(1).get("name").asText()).isEqualTo("good-destination");
        assertThat(json.get(1).get("connectors")).isEmpty();
        assertThat(json.get(1).get("destinations")).extracting(JsonNode::asText).containsExactly("jsonfile");
    }

    @Test
    void anUnreadablePluginsFolderExitsTwoNamingIt() throws Exception {
        Path unreadable = Files.createDirectories(home.resolve("locked"));
        Files.setPosixFilePermissions(unreadable, java.util.Set.of());
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(unreadable),
                    "this user (root?) reads any folder, so an unreadable one cannot be made here");

            Cli cli = Cli.run("plugins", "--plugins", unreadable.toString(), "--home", home.toString());

            assertThat(cli.exitCode()).isEqualTo(2);
            assertThat(cli.err()).contains("plugins folder " + unreadable + " cannot be read");
        } finally {
            Files.setPosixFilePermissions(unreadable, java.nio.file.attribute.PosixFilePermissions.fromString(
                    "rwx------"));
        }
    }

    @Test
    void strictModeFailsOnABrokenPlugin() {
        Cli cli = Cli.run("plugins", "--strict", "--home", home.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains(plugins.resolve("corrupt.jar").toString());
    }
}

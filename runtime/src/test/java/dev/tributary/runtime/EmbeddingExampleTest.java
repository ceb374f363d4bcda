package dev.tributary.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.plugin.ConnectorInfo;
import dev.tributary.runtime.plugin.PluginReport;
import dev.tributary.spi.BaseConnector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the embedding example of the README and docs/plugins.md, verbatim between the markers. */
class EmbeddingExampleTest {

    @TempDir
    Path home;

    @Test
    void theReadmeExampleListsConnectorsAndReportsBrokenPlugins() throws Exception {
        Path pluginsFolder = Files.createDirectories(home.resolve("plugins"));
        TestPlugins.installJar("good-simple", pluginsFolder);
        Files.writeString(pluginsFolder.resolve("corrupt.jar"), "garbage");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        // --- README example start
        try (Tributary tributary = Tributary.builder()
                .home(home)                       // data sources, default database, plugins/
                .pluginsDir(pluginsFolder)        // repeatable; defaults to <home>/plugins
                .watchPlugins(true)               // hot reload: plugins dropped in appear without restart
                .pluginListener(change -> out.println(change.kind() + " " + change.report().location()))
                .build()) {
            for (ConnectorInfo connector : tributary.registry().connectors()) {
                out.println(connector.id() + " " + connector.metadata().version() + " from " + connector.plugin());
            }
            for (PluginReport plugin : tributary.plugins()) {
                plugin.failures().forEach(failure -> out.println("skipped " + failure.message()));
            }
            try (BaseConnector simple = tributary.registry().create("simple")) {   // isolated, uninitialised
                out.println(simple.getMetadata().name());
            }
        }
        // --- README example end

        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("simple 1.0.0 from " + pluginsFolder.resolve("good-simple.jar"))
                .contains("skipped " + pluginsFolder.resolve("corrupt.jar") + ": the file is not a readable jar")
                .contains("Simple");
    }
}

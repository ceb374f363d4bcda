package dev.tributary.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.TestPlugins;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuplicateConnectorTest {

    @TempDir
    Path root;

    @Test
    void theFirstPluginInNameOrderWinsAndTheOthersNameEveryLocation() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Path second = TestPlugins.installJar("good-simple", plugins, "b-simple.jar");
        Path first = TestPlugins.installJar("good-simple", plugins, "a-simple.jar");
        Path third = TestPlugins.installJar("good-simple", plugins, "c-simple.jar");
        try (PluginRegistry registry = Registries.open(plugins)) {
            assertThat(registry.connector("simple").orElseThrow().plugin().path()).isEqualTo(first);
            assertThat(registry.plugins()).extracting(PluginReport::status)
                    .containsExactly(PluginStatus.LOADED, PluginStatus.FAILED, PluginStatus.FAILED);
            PluginFailure duplicate = registry.plugins().get(1).failures().get(0);
            assertThat(duplicate.kind()).isEqualTo(PluginFailure.Kind.DUPLICATE_CONNECTOR_ID);
            assertThat(duplicate.path()).isEqualTo(second);
            assertThat(duplicate.cause()).contains("connector id 'simple' is already provided by " + first)
                    .contains(first.toString()).contains(second.toString()).contains(third.toString());
        }
    }

    @Test
    void anEarlierPluginsFolderWinsOverALaterOne() throws Exception {
        Path early = Files.createDirectories(root.resolve("early"));
        Path late = Files.createDirectories(root.resolve("late"));
        Path winner = TestPlugins.installJar("good-simple", late, "z-simple.jar");
        Path loser = TestPlugins.installJar("good-simple", early, "a-simple.jar");
        try (PluginRegistry registry = Registries.open(late, early)) {
            assertThat(registry.connector("simple").orElseThrow().plugin().path()).isEqualTo(winner);
            assertThat(registry.plugins().get(1).failures().get(0).path()).isEqualTo(loser);
        }
    }

    @Test
    void aClasspathConnectorWinsOverAPluginWithTheSameId() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Path plugin = TestPlugins.installJar("good-simple", plugins);
        try (URLClassLoader application = new URLClassLoader(new URL[] {TestPlugins.jar("good-simple").toUri().toURL()},
                getClass().getClassLoader());
                PluginRegistry registry = PluginRegistry.open(
                        new PluginOptions(List.of(plugins), application, true, false, false))) {
            assertThat(registry.connector("simple").orElseThrow().plugin().kind())
                    .isEqualTo(PluginLocation.Kind.CLASSPATH);
            PluginReport loser = registry.plugins().stream().filter(r -> r.location().path().equals(plugin))
                    .findFirst().orElseThrow();
            assertThat(loser.failures()).extracting(PluginFailure::kind)
                    .containsExactly(PluginFailure.Kind.DUPLICATE_CONNECTOR_ID);
        }
    }
}

package dev.tributary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.plugin.ConnectorInfo;
import dev.tributary.runtime.plugin.PluginChange;
import dev.tributary.runtime.plugin.PluginLoadException;
import dev.tributary.runtime.plugin.PluginReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TributaryTest {

    @TempDir
    Path home;

    @Test
    void usesThePluginsFolderUnderHomeWhenNoneIsGiven() throws Exception {
        TestPlugins.installJar("good-simple", Files.createDirectories(home.resolve("plugins")));
        try (Tributary tributary = Tributary.builder().home(home).classpathDiscovery(false).build()) {
            assertThat(tributary.home()).isEqualTo(home);
            assertThat(tributary.registry().connectors()).extracting(ConnectorInfo::id).containsExactly("simple");
            assertThat(tributary.plugins()).extracting(PluginReport::loaded).containsExactly(true);
        }
    }

    @Test
    void startsWithoutPluginsWhenHomeHasNoPluginsFolder() {
        try (Tributary tributary = Tributary.builder().home(home).classpathDiscovery(false).build()) {
            assertThat(tributary.registry().connectors()).isEmpty();
            assertThat(tributary.plugins()).isEmpty();
        }
    }

    @Test
    void refusesAGivenPluginsFolderThatDoesNotExist() {
        assertThatThrownBy(() -> Tributary.builder().home(home).pluginsDir(home.resolve("nope")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(home.resolve("nope").toString());
    }

    @Test
    void strictModeRefusesToBuildWithABrokenPlugin() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Files.writeString(plugins.resolve("corrupt.jar"), "garbage");

        assertThatThrownBy(() -> Tributary.builder().home(home).strict(true).build())
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining(plugins.resolve("corrupt.jar").toString());
    }

    @Test
    void pluginListenersHearOfPluginsAddedWhileWatching() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        BlockingQueue<PluginChange> changes = new LinkedBlockingQueue<>();
        try (Tributary tributary = Tributary.builder().home(home).pluginsDir(plugins).classpathDiscovery(false)
                .watchPlugins(true).pluginListener(changes::add).build()) {
            Path staged = TestPlugins.copy(TestPlugins.jar("good-simple"), home.resolve("simple.jar"));
            Files.move(staged, plugins.resolve("simple.jar"), StandardCopyOption.ATOMIC_MOVE);

            PluginChange change = changes.poll(30, TimeUnit.SECONDS);
            assertThat(change).isNotNull();
            assertThat(change.kind()).isEqualTo(PluginChange.Kind.ADDED);
            assertThat(tributary.registry().connector("simple")).isPresent();
        }
    }
}

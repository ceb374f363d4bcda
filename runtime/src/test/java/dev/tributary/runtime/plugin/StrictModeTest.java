package dev.tributary.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrictModeTest {

    @TempDir
    Path plugins;

    @Test
    void failsOpeningWhenAnyPluginIsBrokenListingEveryFailure() throws Exception {
        TestPlugins.installJar("good-simple", plugins);
        Path corrupt = Files.writeString(plugins.resolve("corrupt.jar"), "garbage");
        Path futureSpi = TestPlugins.installJar("broken-spi-major", plugins);

        assertThatThrownBy(() -> PluginRegistry.open(Registries.options(true, false, plugins)))
                .isInstanceOfSatisfying(PluginLoadException.class, e -> assertThat(e.failures())
                        .extracting(PluginFailure::kind, PluginFailure::path)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(PluginFailure.Kind.INCOMPATIBLE_SPI_VERSION,
                                        futureSpi),
                                org.assertj.core.groups.Tuple.tuple(PluginFailure.Kind.CORRUPT_JAR, corrupt)))
                .hasMessageContaining("2 plugin problem(s)")
                .hasMessageContaining(corrupt.toString());
    }

    @Test
    void failsOpeningOnClassLevelProblemsToo() {
        TestPlugins.installJar("broken-static-init", plugins);

        assertThatThrownBy(() -> PluginRegistry.open(Registries.options(true, false, plugins)))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("fails on purpose");
    }

    @Test
    void opensWhenEveryPluginIsGood() {
        TestPlugins.installJar("good-simple", plugins);
        try (PluginRegistry registry = PluginRegistry.open(Registries.options(true, false, plugins))) {
            assertThat(registry.connectors()).extracting(ConnectorInfo::id).containsExactly("simple");
        }
    }
}

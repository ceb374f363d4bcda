package dev.tributary.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.TestPlugins;
import dev.tributary.spi.BaseConnector;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    @TempDir
    Path plugins;

    @Test
    void listsConnectorsSortedByIdWithMetadataAndPlugin() {
        Path simple = TestPlugins.installJar("good-simple", plugins);
        Path jackson = TestPlugins.installFolder("good-jackson-old", plugins);
        try (PluginRegistry registry = Registries.open(plugins)) {
            List<ConnectorInfo> connectors = registry.connectors();

            assertThat(connectors).extracting(ConnectorInfo::id).containsExactly("jackson_old", "simple");
            ConnectorInfo info = connectors.get(1);
            assertThat(info.metadata().name()).isEqualTo("Simple");
            assertThat(info.metadata().version()).isEqualTo("1.0.0");
            assertThat(info.metadata().supportedEntities()).extracting(e -> e.name()).containsExactly("items");
            assertThat(info.metadata().configSchema().field("count")).isPresent();
            assertThat(info.plugin()).isEqualTo(new PluginLocation(simple, PluginLocation.Kind.JAR, List.of(simple)));
            assertThat(info.hasIcon()).isTrue();
            assertThat(connectors.get(0).plugin().path()).isEqualTo(jackson);
            assertThat(connectors.get(0).hasIcon()).isFalse();
        }
    }

    @Test
    void reportsEveryPluginInDiscoveryOrderWithItsSpiVersion() {
        TestPlugins.installJar("good-simple", plugins);
        TestPlugins.installFolder("good-jackson-old", plugins);
        try (PluginRegistry registry = Registries.open(plugins)) {
            assertThat(registry.plugins()).extracting(r -> r.location().name(), PluginReport::status,
                    PluginReport::connectorIds)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("good-jackson-old", PluginStatus.LOADED,
                                    List.of("jackson_old")),
                            org.assertj.core.groups.Tuple.tuple("good-simple.jar", PluginStatus.LOADED,
                                    List.of("simple")));
            assertThat(registry.plugins().get(0).spiVersion()).contains(dev.tributary.spi.SpiVersion.CURRENT);
        }
    }

    @Test
    void createsAFreshIsolatedInstanceEachTime() {
        TestPlugins.installJar("good-simple", plugins);
        try (PluginRegistry registry = Registries.open(plugins)) {
            BaseConnector first = registry.create("simple");
            BaseConnector second = registry.create("simple");

            assertThat(first).isNotSameAs(second).isInstanceOf(IsolatedConnector.class);
            assertThat(first.getMetadata().id()).isEqualTo("simple");
        }
    }

    @Test
    void readsTheIconBytes() {
        TestPlugins.installJar("good-simple", plugins);
        try (PluginRegistry registry = Registries.open(plugins)) {
            assertThat(new String(registry.icon("simple").orElseThrow(), StandardCharsets.UTF_8)).startsWith("<svg");
        }
    }

    @Test
    void anUnknownIdIsRefusedNamingTheAvailableOnes() {
        TestPlugins.installJar("good-simple", plugins);
        try (PluginRegistry registry = Registries.open(plugins)) {
            assertThatThrownBy(() -> registry.create("stripe"))
                    .isInstanceOf(UnknownConnectorException.class)
                    .hasMessage("no connector with id 'stripe'; available: simple");
            assertThatThrownBy(() -> registry.icon("stripe")).isInstanceOf(UnknownConnectorException.class);
            assertThat(registry.connector("stripe")).isEmpty();
        }
    }

    @Test
    void discoveryLoadsNoClassUntilTheFirstQuery() {
        TestPlugins.installJar("good-simple", plugins);
        try (PluginRegistry registry = Registries.open(plugins)) {
            assertThat(registry.connectorsLoaded()).isFalse();
            registry.connectors();
            assertThat(registry.connectorsLoaded()).isTrue();
        }
    }

    @Test
    void findsConnectorsOnTheApplicationClassPath() throws Exception {
        try (URLClassLoader application = new URLClassLoader(new URL[] {TestPlugins.jar("good-simple").toUri().toURL()},
                getClass().getClassLoader());
                PluginRegistry registry = PluginRegistry.open(
                        new PluginOptions(List.of(), application, true, false, false))) {
            ConnectorInfo info = registry.connector("simple").orElseThrow();
            BaseConnector connector = registry.create("simple");

            assertThat(info.plugin().kind()).isEqualTo(PluginLocation.Kind.CLASSPATH);
            assertThat(info.plugin().path()).isEqualTo(TestPlugins.jar("good-simple"));
            assertThat(connector.testConnection().message()).isEqualTo("context class loader is the plugin's: true");
        }
    }

    @Test
    void classPathDiscoveryCanBeTurnedOff() throws Exception {
        try (URLClassLoader application = new URLClassLoader(new URL[] {TestPlugins.jar("good-simple").toUri().toURL()},
                getClass().getClassLoader());
                PluginRegistry registry = PluginRegistry.open(
                        new PluginOptions(List.of(), application, false, false, false))) {
            assertThat(registry.connectors()).isEmpty();
            assertThat(registry.plugins()).isEmpty();
        }
    }

    @Test
    void refusesAPluginsFolderThatDoesNotExist() {
        Path missing = plugins.resolve("missing");

        assertThatThrownBy(() -> Registries.open(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugins folder " + missing + " does not exist or is not a folder");
    }
}

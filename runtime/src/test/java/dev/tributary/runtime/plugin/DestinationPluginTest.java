package dev.tributary.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tributary.runtime.TestPlugins;
import dev.tributary.runtime.destination.DestinationResolver;
import dev.tributary.runtime.destination.PluggedDestination;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Destination providers loaded from {@code plugins/}: discovery, reports, failures, isolation and hot reload. */
class DestinationPluginTest {

    private static final String PROVIDER = "dev.tributary.testplugin.destination.JsonFileDestinationProvider";

    @TempDir
    Path root;

    private Path plugins() throws Exception {
        return Files.createDirectories(root.resolve("plugins"));
    }

    @Test
    void aDestinationPluginIsLoadedAndReportedNextToConnectorPlugins() throws Exception {
        Path plugins = plugins();
        Path folder = TestPlugins.installFolder("good-destination", plugins);
        TestPlugins.installJar("good-simple", plugins);
        try (PluginRegistry registry = Registries.open(plugins)) {
            assertThat(registry.plugins())
                    .extracting(r -> r.location().name(), PluginReport::status, PluginReport::connectorIds,
                            PluginReport::destinationIds)
                    .containsExactly(
                            tuple("good-destination", PluginStatus.LOADED, List.of(), List.of("jsonfile")),
                            tuple("good-simple.jar", PluginStatus.LOADED, List.of("simple"), List.of()));
            assertThat(registry.connectors()).extracting(ConnectorInfo::id).containsExactly("simple");

            List<PluggedDestination> destinations = registry.destinations();
            assertThat(destinations).singleElement().satisfies(plugged -> {
                assertThat(plugged.providerClass()).isEqualTo(PROVIDER);
                assertThat(plugged.plugin()).hasValueSatisfying(plugin -> assertThat(plugin).contains(folder.toString()));
                assertThat(plugged.provider().metadata().urlForms()).containsExactly("jsonfile:DIRECTORY");
            });
        }
    }

    @Test
    void everyCallIntoThePluginRunsWithItsOwnContextClassLoaderAndBundledLibraries() throws Exception {
        Path plugins = plugins();
        TestPlugins.installFolder("good-destination", plugins);
        try (PluginRegistry registry = Registries.open(plugins)) {
            DestinationResolver resolver = new DestinationResolver(getClass().getClassLoader(),
                    registry::destinations, name -> null);
            Path warehouse = root.resolve("warehouse");

            // The test plugin throws from any method called with a foreign context class loader.
            try (Destination destination = resolver.open("jsonfile:" + warehouse, Optional.empty())) {
                assertThat(destination.describe()).contains(warehouse.toString()).contains("Jackson 2.18.2");
                assertThat(destination.preferredRecordsPerTransaction()).isEqualTo(200);
            }
        }
    }

    @Test
    void theResolverNamesThePluginsUrlFormWhenNoDestinationAcceptsAUrl() throws Exception {
        Path plugins = plugins();
        TestPlugins.installFolder("good-destination", plugins);
        try (PluginRegistry registry = Registries.open(plugins)) {
            DestinationResolver resolver = new DestinationResolver(getClass().getClassLoader(),
                    registry::destinations, name -> null);

            assertThat(resolver.installed()).extracting(d -> d.metadata().id(), d -> d.plugin().isPresent())
                    .contains(tuple("jsonfile", true));
            assertThatThrownBy(() -> resolver.open("parquet:/tmp/x", Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unsupported destination URL scheme 'parquet:'")
                    .hasMessageContaining("jsonfile:DIRECTORY")
                    .hasMessageContaining("jdbc:sqlite:");
        }
    }

    @Test
    void aPluginMissingALibraryFailsWhenOpenedNamingThePluginAndWhatToBundle() throws Exception {
        Path plugins = plugins();
        Path jar = TestPlugins.installJar("good-destination", plugins);
        try (PluginRegistry registry = Registries.open(plugins)) {
            DestinationResolver resolver = new DestinationResolver(getClass().getClassLoader(),
                    registry::destinations, name -> null);

            assertThatThrownBy(() -> resolver.open("jsonfile:" + root, Optional.empty()))
                    .isInstanceOf(DestinationException.class)
                    .hasMessageContaining("destination plugin " + jar)
                    .hasMessageContaining("com.fasterxml.jackson")
                    .hasMessageContaining("bundle the missing library in the plugin folder");
        }
    }

    @Test
    void aClassThatIsNotADestinationProviderFailsThePluginAndTheOthersStillLoad() throws Exception {
        Path plugins = plugins();
        Path broken = TestPlugins.installJar("broken-not-destination", plugins);
        TestPlugins.installJar("good-simple", plugins);
        try (PluginRegistry registry = Registries.open(plugins)) {
            PluginReport report = registry.plugins().get(0);

            assertThat(report.status()).isEqualTo(PluginStatus.FAILED);
            assertThat(report.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.kind()).isEqualTo(PluginFailure.Kind.NOT_A_DESTINATION);
                assertThat(failure.path()).isEqualTo(broken);
                assertThat(failure.cause()).isEqualTo("class dev.tributary.testplugin.notdestination.NotADestination"
                        + " is listed as a destination provider but does not implement"
                        + " dev.tributary.spi.destination.DestinationProvider");
                assertThat(failure.hint()).contains("implement dev.tributary.spi.destination.DestinationProvider");
            });
            assertThat(registry.destinations()).isEmpty();
            assertThat(registry.connectors()).extracting(ConnectorInfo::id).containsExactly("simple");
        }
    }

    @Test
    void strictModeRefusesToOpenWithABrokenDestinationPlugin() throws Exception {
        Path plugins = plugins();
        Path broken = TestPlugins.installJar("broken-not-destination", plugins);

        assertThatThrownBy(() -> PluginRegistry.open(Registries.options(true, false, plugins)))
                .isInstanceOfSatisfying(PluginLoadException.class, e -> assertThat(e.failures())
                        .extracting(PluginFailure::kind, PluginFailure::path)
                        .containsExactly(tuple(PluginFailure.Kind.NOT_A_DESTINATION, broken)));
    }

    @Test
    void twoPluginsProvidingOneDestinationIdIsADeterministicReportedConflict() throws Exception {
        Path plugins = plugins();
        Path first = Files.move(TestPlugins.installFolder("good-destination", plugins), plugins.resolve("a-jsonfile"));
        Path second = Files.move(TestPlugins.installFolder("good-destination", plugins), plugins.resolve("b-jsonfile"));
        try (PluginRegistry registry = Registries.open(plugins)) {
            assertThat(registry.plugins()).extracting(PluginReport::status)
                    .containsExactly(PluginStatus.LOADED, PluginStatus.FAILED);
            PluginFailure conflict = registry.plugins().get(1).failures().get(0);
            assertThat(conflict.kind()).isEqualTo(PluginFailure.Kind.DUPLICATE_DESTINATION_ID);
            assertThat(conflict.path()).isEqualTo(second);
            assertThat(conflict.cause()).contains("destination id 'jsonfile' is already provided by")
                    .contains(first.toString()).contains(second.toString());
            assertThat(registry.destinations()).singleElement()
                    .satisfies(plugged -> assertThat(plugged.plugin().orElseThrow()).contains(first.toString()));
        }
    }

    @Test
    void aDestinationPluginAddedWhileWatchingBecomesUsableAndARemovedOneGoes() throws Exception {
        Path plugins = plugins();
        BlockingQueue<PluginChange> changes = new LinkedBlockingQueue<>();
        try (PluginRegistry registry = PluginRegistry.open(Registries.options(false, true, plugins))) {
            registry.addListener(changes::add);
            assertThat(registry.destinations()).isEmpty();

            Path staged = TestPlugins.installFolder("good-destination", root);
            Path folder = Files.move(staged, plugins.resolve("jsonfile"), StandardCopyOption.ATOMIC_MOVE);
            PluginChange added = changes.poll(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(added).as("a plugin change").isNotNull();
            assertThat(added.kind()).isEqualTo(PluginChange.Kind.ADDED);
            assertThat(added.report().destinationIds()).containsExactly("jsonfile");
            assertThat(registry.destinations()).hasSize(1);

            try (Stream<Path> jars = Files.list(folder)) {
                for (Path jar : jars.toList()) {
                    Files.delete(jar);
                }
            }
            Files.delete(folder);
            PluginChange removed = changes.poll(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(removed).as("a plugin change").isNotNull();
            assertThat(removed.kind()).isEqualTo(PluginChange.Kind.REMOVED);
            assertThat(registry.destinations()).isEmpty();
        }
    }
}

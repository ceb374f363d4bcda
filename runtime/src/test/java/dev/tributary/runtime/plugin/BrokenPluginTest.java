package dev.tributary.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.TestPlugins;
import dev.tributary.spi.SpiVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

class BrokenPluginTest {

    @TempDir
    Path plugins;

    static Stream<Arguments> brokenPlugins() {
        return Stream.of(
                broken("corrupt jar", dir -> write(dir.resolve("corrupt.jar"), "not a zip file"),
                        PluginFailure.Kind.CORRUPT_JAR, "is not a readable jar"),
                broken("empty jar", dir -> write(dir.resolve("empty.jar"), ""),
                        PluginFailure.Kind.CORRUPT_JAR, "the jar is empty (0 bytes)"),
                broken("folder without jars", dir -> mkdir(dir.resolve("nothing-here")),
                        PluginFailure.Kind.EMPTY_PLUGIN, "the plugin folder contains no jar"),
                broken("no service entry", dir -> TestPlugins.installJar("broken-no-service", dir),
                        PluginFailure.Kind.NO_SERVICE_ENTRY,
                        "declares no connector and no destination (it has neither META-INF/services/dev.tributary.spi.BaseConnector"
                        + " nor META-INF/services/dev.tributary.spi.destination.DestinationProvider)"),
                broken("service class missing", dir -> TestPlugins.installJar("broken-missing-class", dir),
                        PluginFailure.Kind.SERVICE_CLASS_NOT_FOUND,
                        "names class dev.tributary.testplugin.missing.GoneConnector, "
                        + "which is in none of the plugin's jars"),
                broken("not a BaseConnector", dir -> TestPlugins.installJar("broken-not-connector", dir),
                        PluginFailure.Kind.NOT_A_CONNECTOR, "dev.tributary.testplugin.notconnector.NotAConnector is "
                        + "listed as a connector but does not extend dev.tributary.spi.BaseConnector"),
                broken("no public no-arg constructor", dir -> TestPlugins.installJar("broken-no-ctor", dir),
                        PluginFailure.Kind.NO_PUBLIC_CONSTRUCTOR, "has no public constructor without parameters"),
                broken("static initialiser throws", dir -> TestPlugins.installJar("broken-static-init", dir),
                        PluginFailure.Kind.INITIALIZATION_FAILED, "the static initialiser of connector class "
                        + "dev.tributary.testplugin.staticinit.ExplodingConnector threw "
                        + "java.lang.IllegalStateException: static initialiser of the test plugin fails on purpose"),
                broken("missing dependency", dir -> TestPlugins.installJar("broken-missing-dependency", dir),
                        PluginFailure.Kind.MISSING_DEPENDENCY, "class com.fasterxml.jackson.databind.ObjectMapper, "
                        + "needed by connector class dev.tributary.testplugin.missingdep.UnbundledJacksonConnector, "
                        + "is in none of the plugin's jars"),
                broken("invalid metadata", dir -> TestPlugins.installJar("broken-metadata", dir),
                        PluginFailure.Kind.INVALID_METADATA, "getMetadata() of "
                        + "dev.tributary.testplugin.badmetadata.BadIdConnector threw java.lang.IllegalArgumentException: "
                        + "connector id 'Bad Id' must match [a-z][a-z0-9_]*"),
                broken("incompatible SPI major", dir -> TestPlugins.installJar("broken-spi-major", dir),
                        PluginFailure.Kind.INCOMPATIBLE_SPI_VERSION,
                        "the plugin was built for connector SPI 2.0, but this runtime implements SPI " + SpiVersion.CURRENT),
                broken("no SPI version", dir -> TestPlugins.installJar("broken-spi-missing", dir),
                        PluginFailure.Kind.MISSING_SPI_VERSION, "manifest has no Tributary-Spi-Version attribute"),
                broken("bundles the SPI", dir -> TestPlugins.installFolder("broken-bundles-spi", dir)
                                .resolve("connector-api-0.1.0-SNAPSHOT.jar"),
                        PluginFailure.Kind.BUNDLES_SPI, "the jar contains the connector SPI itself"));
    }

    private static Arguments broken(String name, Function<Path, Path> install, PluginFailure.Kind kind,
            String cause) {
        return Arguments.of(name, install, kind, cause);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPlugins")
    void reportsTheBrokenPluginWithPathCauseAndHintAndKeepsTheOthers(String name, Function<Path, Path> install,
            PluginFailure.Kind kind, String cause) {
        Path culprit = install.apply(plugins);
        TestPlugins.installJar("good-simple", plugins, "zz-good-simple.jar");
        try (PluginRegistry registry = Registries.open(plugins)) {
            PluginReport broken = registry.plugins().get(0);

            assertThat(broken.status()).isEqualTo(PluginStatus.FAILED);
            assertThat(broken.connectorIds()).isEmpty();
            assertThat(broken.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.kind()).isEqualTo(kind);
                assertThat(failure.path()).isEqualTo(culprit);
                assertThat(failure.cause()).contains(cause);
                assertThat(failure.hint()).isEqualTo(kind.defaultHint());
                assertThat(failure.message()).startsWith(culprit.toString()).contains(cause)
                        .contains(kind.defaultHint());
            });
            assertThat(registry.plugins().get(1).status()).isEqualTo(PluginStatus.LOADED);
            assertThat(registry.connectors()).extracting(ConnectorInfo::id).containsExactly("simple");
        }
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path mkdir(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.tributary.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.TestPlugins;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.Batch;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.testkit.FakeConnectorContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorIsolationTest {

    @TempDir
    Path plugins;

    private static Map<String, Object> fetchOne(BaseConnector connector) {
        connector.initialize(FakeConnectorContext.of(connector, Map.of()));
        List<Batch> batches = new ArrayList<>();
        connector.fetchEntity(FetchOptions.builder("versions").onBatch(batches::add).build());
        connector.close();
        assertThat(batches).hasSize(1);
        return batches.get(0).records().get(0);
    }

    @Test
    void twoPluginsWithConflictingJacksonVersionsBothWorkBesideTheRuntimesJackson() {
        TestPlugins.installFolder("good-jackson-old", plugins);
        TestPlugins.installFolder("good-jackson-new", plugins);
        try (PluginRegistry registry = Registries.open(plugins)) {
            Map<String, Object> old = fetchOne(registry.create("jackson_old"));
            Map<String, Object> fresh = fetchOne(registry.create("jackson_new"));

            assertThat(old).containsEntry("jacksonLoaderIsPlugin", true).containsEntry("json", "{\"answer\":42}");
            assertThat((String) old.get("jacksonVersion")).startsWith("2.12.");
            assertThat(fresh).containsEntry("jacksonLoaderIsPlugin", true).containsEntry("json", "{\"answer\":42}");
            assertThat((String) fresh.get("jacksonVersion")).startsWith("2.18.");
            assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString())
                    .doesNotStartWith("2.12.").doesNotStartWith("2.18.");
        }
    }

    @Test
    void aFatJarBundlingItsOwnJacksonLoads() throws Exception {
        Files.copy(TestPlugins.fatJar("good-jackson-new"), plugins.resolve("jackson-new-fat.jar"));
        try (PluginRegistry registry = Registries.open(plugins)) {
            Map<String, Object> record = fetchOne(registry.create("jackson_new"));

            assertThat((String) record.get("jacksonVersion")).startsWith("2.18.");
            assertThat(registry.connector("jackson_new").orElseThrow().plugin().kind())
                    .isEqualTo(PluginLocation.Kind.JAR);
        }
    }

    @Test
    void everyCallIntoThePluginRunsWithThePluginsContextClassLoader() {
        TestPlugins.installJar("good-simple", plugins);
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (PluginRegistry registry = Registries.open(plugins)) {
            BaseConnector connector = registry.create("simple");
            connector.initialize(FakeConnectorContext.of(connector, Map.of("count", 2L)));
            List<Batch> batches = new ArrayList<>();
            connector.fetchEntity(FetchOptions.builder("items").onBatch(batches::add).build());

            assertThat(connector.testConnection().message()).isEqualTo("context class loader is the plugin's: true");
            assertThat(batches.get(0).records()).extracting(r -> r.get("contextLoaderIsPlugin"))
                    .containsExactly(true, true);
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
        }
    }

    @Test
    void theConnectorsClassesComeFromTheirOwnIsolatedLoader() {
        TestPlugins.installJar("good-simple", plugins);
        TestPlugins.installFolder("good-jackson-old", plugins);
        try (PluginRegistry registry = Registries.open(plugins)) {
            ClassLoader simple = registry.isolatedLoaderOf("simple").orElseThrow();
            ClassLoader jackson = registry.isolatedLoaderOf("jackson_old").orElseThrow();
            IsolatedConnector connector = (IsolatedConnector) registry.create("simple");

            assertThat(simple).isNotSameAs(jackson);
            assertThat(connector.delegateClass().getClassLoader()).isSameAs(simple);
        }
    }

    @Test
    void aClassMissingOnlyWhenFetchingBecomesAPermanentFailureNamingThePlugin() {
        Path plugin = TestPlugins.installJar("broken-fetch-dependency", plugins);
        try (PluginRegistry registry = Registries.open(plugins)) {
            BaseConnector connector = registry.create("late_failing");
            connector.initialize(FakeConnectorContext.of(connector, Map.of()));

            assertThatThrownBy(() -> connector.fetchEntity(FetchOptions.builder("items").build()))
                    .isInstanceOf(PermanentException.class)
                    .hasMessageContaining("in plugin " + plugin)
                    .hasMessageContaining("class com.fasterxml.jackson.databind.ObjectMapper is in none of its jars");
            assertThat(connector.testConnection().success()).isFalse();
            assertThat(connector.testConnection().message()).contains("com.fasterxml.jackson.databind.ObjectMapper");
        }
    }
}

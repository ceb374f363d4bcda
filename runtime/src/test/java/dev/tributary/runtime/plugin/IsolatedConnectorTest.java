package dev.tributary.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.ratelimit.RequestBudget;
import dev.tributary.testkit.CountingRateLimiter;
import dev.tributary.testkit.FakeConnectorContext;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IsolatedConnectorTest {

    /** Records the context class loader seen by each call. */
    static class RecordingConnector extends BaseConnector {
        final List<String> calls = new ArrayList<>();
        final List<ClassLoader> loaders = new ArrayList<>();

        private void record(String call) {
            calls.add(call);
            loaders.add(Thread.currentThread().getContextClassLoader());
        }

        @Override
        protected void onInitialize() {
            record("initialize");
        }

        @Override
        public ConnectorMetadata getMetadata() {
            record("getMetadata");
            return ConnectorMetadata.builder("recording").build();
        }

        @Override
        public ConnectionTestResult testConnection() {
            record("testConnection");
            return ConnectionTestResult.success("ok");
        }

        @Override
        public List<EntityDescriptor> getAvailableEntities() {
            record("getAvailableEntities");
            return List.of();
        }

        @Override
        public void fetchEntity(FetchOptions options) {
            record("fetchEntity");
        }

        @Override
        public void close() {
            record("close");
        }
    }

    /** Declares a budget and records the loader it was asked for it under. */
    static final class BudgetConnector extends RecordingConnector {
        @Override
        public Optional<RequestBudget> defaultRequestBudget() {
            loaders.add(Thread.currentThread().getContextClassLoader());
            return Optional.of(new RequestBudget(42, 3, "the plugin says so"));
        }
    }

    @Test
    void theDeclaredBudgetComesFromThePluginUnderItsLoader() throws Exception {
        BudgetConnector plugin = new BudgetConnector();
        try (URLClassLoader pluginLoader = new URLClassLoader(new URL[0], null)) {
            IsolatedConnector isolated = new IsolatedConnector(plugin, pluginLoader,
                    new PluginLocation(Path.of("plugin.jar"), PluginLocation.Kind.JAR, List.of(Path.of("plugin.jar"))));

            Optional<RequestBudget> budget = isolated.defaultRequestBudget();

            assertThat(budget).contains(new RequestBudget(42, 3, "the plugin says so"));
            assertThat(plugin.loaders).containsExactly(pluginLoader);
        }
    }

    @Test
    void aPluginThatDeclaresNoBudgetLeavesItEmpty() throws Exception {
        try (URLClassLoader pluginLoader = new URLClassLoader(new URL[0], null)) {
            IsolatedConnector isolated = new IsolatedConnector(new RecordingConnector(), pluginLoader,
                    new PluginLocation(Path.of("plugin.jar"), PluginLocation.Kind.JAR, List.of(Path.of("plugin.jar"))));

            assertThat(isolated.defaultRequestBudget()).isEmpty();
        }
    }

    @Test
    void everyCallRunsWithThePluginLoaderAndRestoresTheCallersLoader() throws Exception {
        RecordingConnector plugin = new RecordingConnector();
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader pluginLoader = new URLClassLoader(new URL[0], null)) {
            IsolatedConnector isolated = new IsolatedConnector(plugin, pluginLoader,
                    new PluginLocation(Path.of("plugin.jar"), PluginLocation.Kind.JAR, List.of(Path.of("plugin.jar"))));

            // Not FakeConnectorContext.of(plugin, ..): its own getMetadata() call would land in plugin.calls first.
            isolated.initialize(new FakeConnectorContext(Config.of(Map.of(), ConfigSchema.EMPTY), Settings.DEFAULTS,
                    "test", new CountingRateLimiter(), System.getLogger("test")));
            isolated.getMetadata();
            isolated.testConnection();
            isolated.getAvailableEntities();
            isolated.fetchEntity(FetchOptions.builder("items").build());
            isolated.close();

            assertThat(plugin.calls).containsExactly("initialize", "getMetadata", "testConnection",
                    "getAvailableEntities", "fetchEntity", "close");
            assertThat(plugin.loaders).hasSize(6).allSatisfy(loader -> assertThat(loader).isSameAs(pluginLoader));
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(caller);
        }
    }
}

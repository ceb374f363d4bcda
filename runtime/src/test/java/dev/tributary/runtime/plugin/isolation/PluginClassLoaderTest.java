package dev.tributary.runtime.plugin.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.TestPlugins;
import dev.tributary.spi.BaseConnector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PluginClassLoaderTest {

    private static final List<String> SHARED = List.of("dev.tributary.spi.", "org.slf4j.");

    private PluginClassLoader loaderOf(String module) throws Exception {
        return new PluginClassLoader(module, List.of(TestPlugins.jar(module).toUri().toURL()),
                getClass().getClassLoader(), SHARED);
    }

    @Test
    void sharesTheSpiAndLoggingApiWithTheRuntime() throws Exception {
        try (PluginClassLoader loader = loaderOf("good-simple")) {
            assertThat(loader.loadClass(BaseConnector.class.getName())).isSameAs(BaseConnector.class);
            assertThat(loader.loadClass(LoggerFactory.class.getName())).isSameAs(LoggerFactory.class);
        }
    }

    @Test
    void hidesTheRuntimeLibrariesFromThePlugin() throws Exception {
        try (PluginClassLoader loader = loaderOf("good-simple")) {
            assertThatThrownBy(() -> loader.loadClass(ObjectMapper.class.getName()))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> loader.loadClass(PluginClassLoader.class.getName()))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void loadsJdkClassesFromTheJdk() throws Exception {
        try (PluginClassLoader loader = loaderOf("good-simple")) {
            assertThat(loader.loadClass("java.util.List")).isSameAs(List.class);
            assertThat(loader.loadClass("java.sql.Connection")).isSameAs(java.sql.Connection.class);
        }
    }

    @Test
    void loadsThePluginsOwnClassesItself() throws Exception {
        try (PluginClassLoader loader = loaderOf("good-simple")) {
            Class<?> connector = loader.loadClass("dev.tributary.testplugin.simple.SimpleConnector");
            assertThat(connector.getClassLoader()).isSameAs(loader);
            assertThat(BaseConnector.class).isAssignableFrom(connector);
        }
    }

    @Test
    void findsThePluginsResourcesButTheSpiResourcesOfTheRuntime() throws Exception {
        try (PluginClassLoader loader = loaderOf("good-simple")) {
            assertThat(loader.getResource("dev/tributary/testplugin/simple/icon.svg")).isNotNull();
            String spiClass = "dev/tributary/spi/BaseConnector.class";
            assertThat(loader.getResource(spiClass))
                    .isEqualTo(BaseConnector.class.getClassLoader().getResource(spiClass));
        }
    }
}

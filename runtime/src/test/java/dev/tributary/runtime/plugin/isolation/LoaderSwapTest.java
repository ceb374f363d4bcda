package dev.tributary.runtime.plugin.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoaderSwapTest {

    @Test
    void setsTheContextClassLoaderUntilClosed() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader plugin = new URLClassLoader(new URL[0], null)) {
            try (LoaderSwap swap = LoaderSwap.use(plugin)) {
                assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(plugin);
            }
        }
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void restoresTheContextClassLoaderWhenTheBlockThrows() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader plugin = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> {
                try (LoaderSwap swap = LoaderSwap.use(plugin)) {
                    throw new IllegalStateException("plugin failed");
                }
            }).hasMessage("plugin failed");
        }
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void refusesToBeClosedOnAnotherThread() throws Exception {
        try (URLClassLoader plugin = new URLClassLoader(new URL[0], null);
                LoaderSwap swap = LoaderSwap.use(plugin)) {
            CompletableFuture<Void> closing = CompletableFuture.runAsync(swap::close);
            assertThatThrownBy(() -> closing.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed on the thread that created it");
        }
    }
}

package dev.tributary.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.TestPlugins;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotReloadTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private final BlockingQueue<PluginChange> changes = new LinkedBlockingQueue<>();

    private PluginChange nextChange() throws InterruptedException {
        PluginChange change = changes.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(change).as("a plugin change within " + TIMEOUT).isNotNull();
        return change;
    }

    /** Installs a file atomically, as operators should: copy next to the folder, then move it in. */
    private Path moveIn(Path source, Path plugins, String name) throws Exception {
        Path staged = TestPlugins.copy(source, root.resolve(name + ".partial"));
        return Files.move(staged, plugins.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aPluginAddedWhileWatchingAppearsAndARemovedOneDisappears() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        try (PluginRegistry registry = PluginRegistry.open(Registries.options(false, true, plugins))) {
            registry.addListener(changes::add);
            assertThat(registry.connectors()).isEmpty();

            Path jar = moveIn(TestPlugins.jar("good-simple"), plugins, "simple.jar");
            PluginChange added = nextChange();
            assertThat(added.kind()).isEqualTo(PluginChange.Kind.ADDED);
            assertThat(added.report().location().path()).isEqualTo(jar);
            assertThat(added.report().connectorIds()).containsExactly("simple");
            assertThat(registry.connectors()).extracting(ConnectorInfo::id).containsExactly("simple");

            Files.delete(jar);
            PluginChange removed = nextChange();
            assertThat(removed.kind()).isEqualTo(PluginChange.Kind.REMOVED);
            assertThat(removed.report().location().path()).isEqualTo(jar);
            assertThat(registry.connectors()).isEmpty();
        }
    }

    @Test
    void aRemovedPluginsClassLoaderIsClosedAndBecomesCollectable() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Path jar = TestPlugins.installJar("good-simple", plugins);
        try (PluginRegistry registry = PluginRegistry.open(Registries.options(false, true, plugins))) {
            registry.addListener(changes::add);
            WeakReference<ClassLoader> loader = new WeakReference<>(registry.isolatedLoaderOf("simple").orElseThrow());

            Files.delete(jar);
            assertThat(nextChange().kind()).isEqualTo(PluginChange.Kind.REMOVED);

            Instant deadline = Instant.now().plus(TIMEOUT);
            while (loader.get() != null && Instant.now().isBefore(deadline)) {
                System.gc();
                changes.poll(50, TimeUnit.MILLISECONDS);
            }
            assertThat(loader.get()).as("the removed plugin's class loader is collected").isNull();
        }
    }

    @Test
    void aPluginFolderAddedWhileWatchingLoadsWithItsDependencies() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        try (PluginRegistry registry = PluginRegistry.open(Registries.options(false, true, plugins))) {
            registry.addListener(changes::add);
            Path staging = Files.createDirectories(root.resolve("staging"));
            Path staged = TestPlugins.installFolder("good-jackson-old", staging);
            Files.move(staged, plugins.resolve("jackson-old"), StandardCopyOption.ATOMIC_MOVE);

            PluginChange added = nextChange();
            assertThat(added.kind()).isEqualTo(PluginChange.Kind.ADDED);
            assertThat(added.report().connectorIds()).containsExactly("jackson_old");
        }
    }

    @Test
    void aBrokenPluginAddedWhileWatchingIsReportedAsFailed() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        try (PluginRegistry registry = PluginRegistry.open(Registries.options(false, true, plugins))) {
            registry.addListener(changes::add);
            moveIn(TestPlugins.jar("broken-no-service"), plugins, "no-service.jar");

            PluginChange added = nextChange();
            assertThat(added.report().status()).isEqualTo(PluginStatus.FAILED);
            assertThat(added.report().failures()).extracting(PluginFailure::kind)
                    .containsExactly(PluginFailure.Kind.NO_SERVICE_ENTRY);
        }
    }

    @Test
    void aPluginReplacedWhileWatchingIsReloaded() throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        TestPlugins.installJar("good-simple", plugins, "plugin.jar");
        try (PluginRegistry registry = PluginRegistry.open(Registries.options(false, true, plugins))) {
            registry.addListener(changes::add);
            assertThat(registry.connectors()).extracting(ConnectorInfo::id).containsExactly("simple");

            moveIn(TestPlugins.fatJar("good-jackson-new"), plugins, "plugin.jar");

            PluginChange reloaded = nextChange();
            assertThat(reloaded.kind()).isEqualTo(PluginChange.Kind.RELOADED);
            assertThat(reloaded.report().connectorIds()).containsExactly("jackson_new");
            assertThat(registry.connectors()).extracting(ConnectorInfo::id).containsExactly("jackson_new");
        }
    }
}

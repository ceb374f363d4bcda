package dev.tributary.runtime;

import dev.tributary.runtime.plugin.ConnectorRegistry;
import dev.tributary.runtime.plugin.PluginChange;
import dev.tributary.runtime.plugin.PluginOptions;
import dev.tributary.runtime.plugin.PluginRegistry;
import dev.tributary.runtime.plugin.PluginReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A Tributary runtime: the connectors found in plugins folders and on the class path, ready to be listed and
 * instantiated. The entry point for applications that embed Tributary and for its own CLI and server.
 *
 * <pre>{@code
 * try (Tributary tributary = Tributary.builder()
 *         .home(Path.of("/var/lib/tributary"))
 *         .pluginsDir(Path.of("/opt/tributary/plugins"))
 *         .build()) {
 *     for (ConnectorInfo connector : tributary.registry().connectors()) {
 *         System.out.println(connector.id() + " from " + connector.plugin());
 *     }
 * }
 * }</pre>
 *
 * <p>Building discovers plugins, reading only jar manifests and service entries; connector classes load on the first
 * registry query. Broken plugins are skipped and reported by {@link #plugins()} unless the runtime is
 * {@linkplain Builder#strict(boolean) strict}. Thread-safe. Close it to stop watching and release the plugins' class
 * loaders; several instances may share a JVM.
 */
public final class Tributary implements AutoCloseable {

    private final Path home;
    private final PluginRegistry registry;
    private final List<PluginListener> listeners;
    private final Consumer<PluginChange> dispatcher;

    private Tributary(Path home, PluginRegistry registry, List<PluginListener> listeners) {
        this.home = home;
        this.registry = registry;
        this.listeners = List.copyOf(listeners);
        this.dispatcher = change -> this.listeners.forEach(listener -> listener.onPluginChange(change));
        registry.addListener(dispatcher);
    }

    /** Starts configuring a runtime. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Tributary home folder: where data sources, the default database and (by default) plugins live. */
    public Path home() {
        return home;
    }

    /** The connectors of every loaded plugin; answers change as watched plugins come and go. */
    public ConnectorRegistry registry() {
        return registry;
    }

    /**
     * A report per plugin found, loaded or failed, in discovery order; shorthand for {@code registry().plugins()}.
     */
    public List<PluginReport> plugins() {
        return registry.plugins();
    }

    /** Stops watching plugins and closes their class loaders. Instances created from the registry stop working. */
    @Override
    public void close() {
        registry.removeListener(dispatcher);
        registry.close();
    }

    /**
     * Configures a {@link Tributary}. Every setter returns this builder. Not thread-safe.
     *
     * <p>Plugins folders: those given with {@link #pluginsDir(Path)}, in that order; when none is given,
     * {@code <home>/plugins} if it exists.
     */
    public static final class Builder {
        private Path home = Path.of(System.getProperty("user.home"), ".tributary");
        private final List<Path> pluginsDirs = new ArrayList<>();
        private boolean classpathDiscovery = true;
        private boolean strict;
        private boolean watch;
        private ClassLoader applicationLoader = Tributary.class.getClassLoader();
        private final List<PluginListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The home folder; defaults to {@code ~/.tributary}. Nothing is created there yet. */
        public Builder home(Path folder) {
            this.home = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /** Adds a plugins folder; may be called several times. Earlier folders win duplicate connector ids. */
        public Builder pluginsDir(Path folder) {
            pluginsDirs.add(Objects.requireNonNull(folder, "folder"));
            return this;
        }

        /**
         * Whether connectors declared on the application class path are found too (default true): an embedding
         * application can ship its own connectors without a plugins folder. They run in the application's class
         * loader, and win over plugins with the same id.
         */
        public Builder classpathDiscovery(boolean enabled) {
            this.classpathDiscovery = enabled;
            return this;
        }

        /**
         * The class loader searched for class-path connectors and supplying the SPI to plugins; defaults to the one
         * that loaded Tributary.
         */
        public Builder applicationClassLoader(ClassLoader loader) {
            this.applicationLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** Whether any broken plugin makes {@link #build()} fail instead of being skipped (default false). */
        public Builder strict(boolean enabled) {
            this.strict = enabled;
            return this;
        }

        /**
         * Whether the plugins folders are watched, so plugins added, changed or removed while the runtime is open
         * are loaded, reloaded or unloaded without a restart (default false).
         */
        public Builder watchPlugins(boolean enabled) {
            this.watch = enabled;
            return this;
        }

        /** Adds a listener for plugin changes while watching. */
        public Builder pluginListener(PluginListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Discovers the plugins and returns the runtime.
         *
         * @throws IllegalArgumentException when a plugins folder given does not exist
         * @throws dev.tributary.runtime.plugin.PluginLoadException in strict mode, listing every broken plugin
         */
        public Tributary build() {
            List<Path> folders = new ArrayList<>(pluginsDirs);
            Path defaultFolder = home.resolve("plugins");
            if (folders.isEmpty() && Files.isDirectory(defaultFolder)) {
                folders.add(defaultFolder);
            }
            PluginRegistry registry = PluginRegistry.open(
                    new PluginOptions(folders, applicationLoader, classpathDiscovery, strict, watch));
            return new Tributary(home, registry, listeners);
        }
    }
}

package dev.tributary.runtime.plugin;

import dev.tributary.runtime.destination.PluggedDestination;
import dev.tributary.spi.BaseConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ConnectorRegistry} over plugins folders and the class path. Opening it discovers plugins — reading only
 * jar directories, manifests and service entries; connector classes are loaded on the first query (or at once in
 * strict mode). With watching on, a background thread reloads when a folder changes and notifies listeners.
 *
 * <p>Thread-safe: queries see a consistent snapshot; changes are applied under one lock. Listeners are called on the
 * thread that applied the change, outside the lock.
 */
public final class PluginRegistry implements ConnectorRegistry, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final PluginOptions options;
    private final PluginScanner scanner = new PluginScanner();
    private final PluginInspector inspector = new PluginInspector();
    private final ConnectorLoader connectorLoader = new ConnectorLoader();
    private final DestinationLoader destinationLoader = new DestinationLoader();
    private final List<Consumer<PluginChange>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private List<PluginEntry> entries;
    private RegistrySnapshot snapshot;
    private PluginWatcher watcher;
    private boolean closed;

    private PluginRegistry(PluginOptions options) {
        this.options = options;
    }

    /**
     * Discovers the plugins; in strict mode also loads them.
     *
     * @throws IllegalArgumentException when a plugins folder does not exist
     * @throws PluginLoadException in strict mode, when any plugin is broken
     * @throws java.io.UncheckedIOException when a folder cannot be read
     */
    public static PluginRegistry open(PluginOptions options) {
        for (Path folder : options.folders()) {
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("plugins folder " + folder + " does not exist or is not a folder");
            }
        }
        PluginRegistry registry = new PluginRegistry(options);
        synchronized (registry.lock) {
            registry.entries = registry.discover(Map.of(), true);
        }
        if (options.strict()) {
            List<PluginFailure> failures = registry.plugins().stream().flatMap(r -> r.failures().stream()).toList();
            if (!failures.isEmpty()) {
                registry.close();
                throw new PluginLoadException(failures);
            }
        }
        if (options.watch()) {
            registry.watcher = PluginWatcher.start(options.folders(), registry::reload);
        }
        return registry;
    }

    @Override
    public List<ConnectorInfo> connectors() {
        return snapshot().connectors().values().stream().map(ConnectorType::info).toList();
    }

    @Override
    public Optional<ConnectorInfo> connector(String id) {
        return snapshot().connector(id).map(ConnectorType::info);
    }

    @Override
    public BaseConnector create(String id) {
        return type(id).newInstance();
    }

    @Override
    public Optional<byte[]> icon(String id) {
        return type(id).icon();
    }

    @Override
    public List<PluginReport> plugins() {
        return snapshot().reports();
    }

    /**
     * The destination providers of the loaded plugins, in discovery order, each running in its plugin's class loader.
     * A plugin reloaded or removed while watching is reflected on the next call.
     */
    public List<PluggedDestination> destinations() {
        return snapshot().destinations().values().stream().map(DestinationType::plugged).toList();
    }

    /** Registers a listener for plugins added, reloaded and removed while watching. */
    public void addListener(Consumer<PluginChange> listener) {
        listeners.add(listener);
    }

    /** Removes a listener added with {@link #addListener}; does nothing when it is not registered. */
    public void removeListener(Consumer<PluginChange> listener) {
        listeners.remove(listener);
    }

    /**
     * Rescans the plugins folders and applies what changed: new plugins are loaded, changed ones reloaded, removed
     * ones unloaded with their class loaders closed. Called by the watcher; listeners hear of each change.
     *
     * @return the changes applied, in discovery order
     */
    List<PluginChange> reload() {
        List<PluginChange> changes = new ArrayList<>();
        List<PluginEntry> removed = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return List.of();
            }
            RegistrySnapshot before = snapshot();
            Map<Path, PluginEntry> known = new LinkedHashMap<>();
            entries.forEach(entry -> known.put(entry.location().path(), entry));
            List<PluginEntry> next = discover(known, false);
            Set<PluginEntry> kept = Collections.newSetFromMap(new IdentityHashMap<>());
            kept.addAll(next);
            Set<Path> nextPaths = new HashSet<>();
            next.forEach(entry -> nextPaths.add(entry.location().path()));
            for (PluginEntry old : entries) {
                if (!kept.contains(old)) {
                    removed.add(old);
                    if (!nextPaths.contains(old.location().path())) {
                        before.report(old.location())
                                .ifPresent(report -> changes.add(new PluginChange(PluginChange.Kind.REMOVED, report)));
                    }
                }
            }
            Set<PluginEntry> previous = Collections.newSetFromMap(new IdentityHashMap<>());
            previous.addAll(entries);
            entries = next;
            snapshot = null;
            RegistrySnapshot after = snapshot();
            for (PluginEntry entry : next) {
                if (!previous.contains(entry)) {
                    PluginChange.Kind kind = known.containsKey(entry.location().path()) ? PluginChange.Kind.RELOADED
                            : PluginChange.Kind.ADDED;
                    after.report(entry.location()).ifPresent(report -> changes.add(new PluginChange(kind, report)));
                }
            }
            removed.forEach(PluginEntry::close);
        }
        for (PluginChange change : changes) {
            LOG.info("plugin {} {}", change.report().location(), change.kind().name().toLowerCase());
            for (Consumer<PluginChange> listener : listeners) {
                notifySafely(listener, change);
            }
        }
        return changes;
    }

    /**
     * Hands {@code change} to {@code listener}; an exception the listener throws is logged and swallowed, so that
     * one failing listener does not keep the others from hearing of the change.
     */
    public static void notifySafely(Consumer<PluginChange> listener, PluginChange change) {
        try {
            listener.accept(change);
        } catch (RuntimeException e) {
            LOG.warn("a plugin listener failed on {}", change, e);
        }
    }

    /** The isolated class loader of the plugin providing {@code id}; for tests of isolation and unloading. */
    Optional<ClassLoader> isolatedLoaderOf(String id) {
        synchronized (lock) {
            Path plugin = type(id).info().plugin().path();
            return entries.stream().filter(e -> e.location().path().equals(plugin)).findFirst()
                    .flatMap(PluginEntry::isolatedLoader);
        }
    }

    /** Whether the connector classes have been loaded (by a query, or at opening in strict mode). */
    boolean connectorsLoaded() {
        synchronized (lock) {
            return snapshot != null;
        }
    }

    /** Stops watching and closes every plugin's class loader. Idempotent. */
    @Override
    public void close() {
        PluginWatcher running;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            running = watcher;
        }
        if (running != null) {
            running.close();
        }
        synchronized (lock) {
            entries.forEach(PluginEntry::close);
            snapshot = RegistrySnapshot.EMPTY;
        }
    }

    private ConnectorType type(String id) {
        RegistrySnapshot current = snapshot();
        return current.connector(id)
                .orElseThrow(() -> new UnknownConnectorException(id, current.connectors().keySet()));
    }

    /** The current snapshot, loading every plugin not yet loaded. */
    private RegistrySnapshot snapshot() {
        synchronized (lock) {
            if (snapshot == null) {
                entries.forEach(entry -> entry.load(options.applicationLoader(), connectorLoader, destinationLoader));
                snapshot = RegistrySnapshot.of(entries);
                snapshot.reports().stream().filter(r -> !r.loaded()).flatMap(r -> r.failures().stream())
                        .forEach(failure -> LOG.warn("skipping plugin: {}", failure.message()));
            }
            return snapshot;
        }
    }

    /**
     * Lists the plugins in discovery order — class path first, then each folder sorted by name — reusing entries in
     * {@code known} whose files did not change.
     */
    private List<PluginEntry> discover(Map<Path, PluginEntry> known, boolean initial) {
        List<PluginEntry> found = new ArrayList<>();
        for (PluginEntry entry : known.values()) {
            if (entry.location().kind() == PluginLocation.Kind.CLASSPATH) {
                found.add(entry);
            }
        }
        if (initial && options.classpathDiscovery()) {
            new ClasspathScanner().scan(options.applicationLoader()).stream().map(PluginEntry::ofClasspath)
                    .forEach(found::add);
        }
        for (Path folder : options.folders()) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            for (PluginLocation location : scanner.scan(folder)) {
                PluginEntry previous = known.get(location.path());
                if (previous != null && previous.fingerprint().equals(PluginScanner.fingerprint(location))) {
                    found.add(previous);
                } else {
                    found.add(PluginEntry.inspect(location, inspector));
                }
            }
        }
        return found;
    }
}

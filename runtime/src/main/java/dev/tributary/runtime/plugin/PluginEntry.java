package dev.tributary.runtime.plugin;

import dev.tributary.runtime.plugin.isolation.PluginClassLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One discovered plugin: its declaration (or why it has none) and, once {@link #load() loaded}, its connector types,
 * its destination providers and the class loader that owns them. Loading happens at most once. Guarded by the owning registry's lock.
 */
final class PluginEntry {

    /** Packages every plugin shares with the runtime: the SPI and the logging API. */
    static final List<String> SHARED_PACKAGES = List.of("dev.tributary.spi.", "org.slf4j.");

    private final PluginLocation location;
    private final String fingerprint;
    private final Optional<PluginDescriptor> descriptor;
    private final List<PluginFailure> failures = new ArrayList<>();
    private List<ConnectorType> types;
    private List<DestinationType> destinationTypes = List.of();
    private PluginClassLoader isolatedLoader;

    private PluginEntry(PluginLocation location, String fingerprint, Optional<PluginDescriptor> descriptor,
            List<PluginFailure> inspectionFailures) {
        this.location = location;
        this.fingerprint = fingerprint;
        this.descriptor = descriptor;
        this.failures.addAll(inspectionFailures);
    }

    /** Inspects a plugin from a plugins folder (manifest and service entry only). */
    static PluginEntry inspect(PluginLocation location, PluginInspector inspector) {
        String fingerprint = PluginScanner.fingerprint(location);
        try {
            return new PluginEntry(location, fingerprint, Optional.of(inspector.inspect(location)), List.of());
        } catch (BrokenPluginException e) {
            return new PluginEntry(location, fingerprint, Optional.empty(), e.failures());
        }
    }

    /** A plugin found on the application class path. */
    static PluginEntry ofClasspath(PluginDescriptor descriptor) {
        return new PluginEntry(descriptor.location(), "", Optional.of(descriptor), List.of());
    }

    PluginLocation location() {
        return location;
    }

    String fingerprint() {
        return fingerprint;
    }

    Optional<String> spiVersion() {
        return descriptor.flatMap(PluginDescriptor::spiVersion);
    }

    /**
     * Loads the connector and destination provider classes, once; a plugin with any failure provides neither. {@code applicationLoader} serves class-path plugins and supplies the shared
     * packages to isolated ones. On failure the plugin's class loader is closed at once.
     */
    void load(ClassLoader applicationLoader, ConnectorLoader connectorLoader, DestinationLoader destinationLoader) {
        if (types != null) {
            return;
        }
        types = List.of();
        if (descriptor.isEmpty()) {
            return;
        }
        ClassLoader loader = applicationLoader;
        if (location.kind() != PluginLocation.Kind.CLASSPATH) {
            isolatedLoader = new PluginClassLoader(location.name(), urls(location.jars()), applicationLoader,
                    SHARED_PACKAGES);
            loader = isolatedLoader;
        }
        List<ConnectorType> connectors = List.of();
        try {
            connectors = List.copyOf(connectorLoader.load(descriptor.get(), loader));
        } catch (BrokenPluginException e) {
            failures.addAll(e.failures());
        }
        try {
            destinationTypes = List.copyOf(destinationLoader.load(descriptor.get(), loader));
        } catch (BrokenPluginException e) {
            failures.addAll(e.failures());
        }
        if (failures.isEmpty()) {
            types = connectors;
        } else {
            close();
        }
    }

    /** The loaded destination providers; empty before {@link #load} and when the plugin is broken. */
    List<DestinationType> destinationTypes() {
        return destinationTypes;
    }

    /** The loaded connector types; empty before {@link #load} and when the plugin is broken. */
    List<ConnectorType> types() {
        return types == null ? List.of() : types;
    }

    /** The failures found by inspection and loading, not counting duplicates. */
    List<PluginFailure> failures() {
        return List.copyOf(failures);
    }

    /** The isolated class loader, absent for class-path plugins, broken ones and before loading. */
    Optional<ClassLoader> isolatedLoader() {
        return Optional.ofNullable(isolatedLoader);
    }

    /** Closes the plugin's class loader (if any); its classes become collectable once unreferenced. */
    void close() {
        types = List.of();
        destinationTypes = List.of();
        if (isolatedLoader != null) {
            try {
                isolatedLoader.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the class loader of plugin " + location, e);
            } finally {
                isolatedLoader = null;
            }
        }
    }

    private static List<URL> urls(List<Path> jars) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("cannot turn " + jar + " into a URL", e);
            }
        }
        return urls;
    }
}

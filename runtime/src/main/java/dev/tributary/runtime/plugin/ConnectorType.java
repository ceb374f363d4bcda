package dev.tributary.runtime.plugin;

import dev.tributary.runtime.plugin.isolation.LoaderSwap;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectorMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Optional;

/**
 * One loaded connector class with the metadata it reported at discovery: creates isolated instances and reads its
 * icon. Immutable and thread-safe.
 */
final class ConnectorType {

    private final Constructor<? extends BaseConnector> constructor;
    private final ClassLoader loader;
    private final ConnectorInfo info;

    ConnectorType(Constructor<? extends BaseConnector> constructor, ClassLoader loader, ConnectorInfo info) {
        this.constructor = constructor;
        this.loader = loader;
        this.info = info;
    }

    ConnectorInfo info() {
        return info;
    }

    ConnectorMetadata metadata() {
        return info.metadata();
    }

    ClassLoader loader() {
        return loader;
    }

    /**
     * A fresh instance wrapped so that every call runs with the plugin's context class loader.
     *
     * @throws PluginLoadException when the constructor throws
     */
    BaseConnector newInstance() {
        try (LoaderSwap swap = LoaderSwap.use(loader)) {
            return new IsolatedConnector(constructor.newInstance(), loader, info.plugin());
        } catch (InvocationTargetException | InstantiationException | IllegalAccessException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new PluginLoadException(List.of(PluginFailure.of(PluginFailure.Kind.INITIALIZATION_FAILED,
                    info.plugin().path(), "the constructor of " + constructor.getDeclaringClass().getName()
                    + " threw " + ConnectorLoader.describe(cause))));
        }
    }

    /** The icon's bytes, absent when the connector declares no icon or it is missing. */
    Optional<byte[]> icon() {
        Optional<String> name = info.metadata().icon();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try (LoaderSwap swap = LoaderSwap.use(loader);
                InputStream in = constructor.getDeclaringClass().getResourceAsStream(name.get())) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read icon " + name.get() + " of connector '" + info.id()
                    + "' from " + info.plugin(), e);
        }
    }
}

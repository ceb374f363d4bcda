package dev.tributary.runtime.plugin;

import dev.tributary.runtime.plugin.isolation.LoaderSwap;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectorMetadata;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the connector classes a plugin declares, creates one instance of each to read its metadata, and turns every
 * way this can go wrong into a {@link PluginFailure} naming the class and the plugin. All plugin code runs with the
 * plugin's class loader as context class loader. Stateless and thread-safe.
 */
final class ConnectorLoader {

    /**
     * Loads every connector of {@code plugin} through {@code loader}.
     *
     * @throws BrokenPluginException listing a failure per connector class that cannot be used
     */
    List<ConnectorType> load(PluginDescriptor plugin, ClassLoader loader) throws BrokenPluginException {
        List<ConnectorType> types = new ArrayList<>();
        List<PluginFailure> failures = new ArrayList<>();
        for (String className : plugin.connectorClassNames()) {
            try (LoaderSwap swap = LoaderSwap.use(loader)) {
                types.add(loadOne(plugin.location(), className, loader));
            } catch (BrokenPluginException e) {
                failures.addAll(e.failures());
            }
        }
        if (!failures.isEmpty()) {
            throw new BrokenPluginException(failures);
        }
        return types;
    }

    private static ConnectorType loadOne(PluginLocation location, String className, ClassLoader loader)
            throws BrokenPluginException {
        Path path = location.path();
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw fail(PluginFailure.Kind.SERVICE_CLASS_NOT_FOUND, path, "the service entry names class "
                    + className + ", which is in none of the plugin's jars");
        } catch (LinkageError e) {
            throw linkage(path, className, e);
        }
        if (!BaseConnector.class.isAssignableFrom(type)) {
            throw fail(PluginFailure.Kind.NOT_A_CONNECTOR, path, "class " + className
                    + " is listed as a connector but does not extend " + BaseConnector.class.getName());
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw fail(PluginFailure.Kind.NO_PUBLIC_CONSTRUCTOR, path, "connector class " + className
                    + " must be public and not abstract to be instantiated");
        }
        Constructor<? extends BaseConnector> constructor;
        BaseConnector instance;
        try {
            constructor = type.asSubclass(BaseConnector.class).getConstructor();
            instance = constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw fail(PluginFailure.Kind.NO_PUBLIC_CONSTRUCTOR, path, "connector class " + className
                    + " has no public constructor without parameters");
        } catch (InvocationTargetException e) {
            throw creationFailed(path, className, "constructor", e.getCause());
        } catch (ExceptionInInitializerError e) {
            throw creationFailed(path, className, "static initialiser", e.getCause());
        } catch (LinkageError e) {
            throw linkage(path, className, e);
        } catch (InstantiationException | IllegalAccessException e) {
            throw fail(PluginFailure.Kind.NO_PUBLIC_CONSTRUCTOR, path, "connector class " + className
                    + " cannot be instantiated (" + e.getMessage() + ")");
        }
        ConnectorMetadata metadata;
        try {
            metadata = instance.getMetadata();
            instance.close();
        } catch (RuntimeException e) {
            throw fail(PluginFailure.Kind.INVALID_METADATA, path, "getMetadata() of " + className + " threw "
                    + describe(e));
        } catch (LinkageError e) {
            throw linkage(path, className, e);
        }
        if (metadata == null) {
            throw fail(PluginFailure.Kind.INVALID_METADATA, path, "getMetadata() of " + className
                    + " returned null");
        }
        boolean hasIcon = metadata.icon().map(type::getResource).isPresent();
        return new ConnectorType(constructor, loader, new ConnectorInfo(metadata, location, hasIcon));
    }

    private static BrokenPluginException creationFailed(Path path, String className, String part, Throwable cause) {
        if (cause instanceof LinkageError linkage) {
            return linkage(path, className, linkage);
        }
        return fail(PluginFailure.Kind.INITIALIZATION_FAILED, path, "the " + part + " of connector class "
                + className + " threw " + describe(cause));
    }

    private static BrokenPluginException linkage(Path path, String className, LinkageError error) {
        if (error instanceof NoClassDefFoundError && error.getMessage() != null
                && !error.getMessage().startsWith("Could not initialize")) {
            return fail(PluginFailure.Kind.MISSING_DEPENDENCY, path, "class " + error.getMessage().replace('/', '.')
                    + ", needed by connector class " + className + ", is in none of the plugin's jars");
        }
        if (error instanceof ExceptionInInitializerError init) {
            return fail(PluginFailure.Kind.INITIALIZATION_FAILED, path, "a static initialiser run by connector class "
                    + className + " threw " + describe(init.getCause()));
        }
        return fail(PluginFailure.Kind.MISSING_DEPENDENCY, path, "connector class " + className
                + " does not link against the plugin's jars: " + describe(error));
    }

    private static BrokenPluginException fail(PluginFailure.Kind kind, Path path, String cause) {
        return new BrokenPluginException(PluginFailure.of(kind, path, cause));
    }

    /** The exception's class and message, for a failure cause. */
    static String describe(Throwable error) {
        if (error == null) {
            return "an unknown error";
        }
        return error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}

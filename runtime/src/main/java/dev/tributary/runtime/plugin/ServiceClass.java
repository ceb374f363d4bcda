package dev.tributary.runtime.plugin;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import dev.tributary.runtime.plugin.isolation.LoaderSwap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The kind of class a plugin's service entry lists — a connector or a destination provider — and how one is loaded
 * and instantiated, with every way this can fail turned into a {@link PluginFailure} naming the class and the plugin.
 * Callers run this with the plugin's class loader as context class loader.
 *
 * @param <T> the service type
 * @param service the type the listed classes must extend or implement
 * @param role how a listed class is named in messages, e.g. {@code "connector class"}
 * @param entry how the service entry is named in messages, e.g. {@code "the service entry"}
 * @param notOfType the failure kind for a listed class of the wrong type
 * @param requirement what a listed class must do, e.g. {@code "extend dev.tributary.spi.BaseConnector"}
 */
record ServiceClass<T>(Class<T> service, String role, String entry, PluginFailure.Kind notOfType,
        String requirement) {

    ServiceClass {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(notOfType, "notOfType");
        Objects.requireNonNull(requirement, "requirement");
    }

    /**
     * Loads one listed class of a plugin.
     *
     * @param <R> what loading gives
     */
    @FunctionalInterface
    interface Loading<R> {
        R load(String className) throws BrokenPluginException;
    }

    /**
     * Loads every class in {@code classNames} with {@code loader} as context class loader, going on past broken ones.
     *
     * @throws BrokenPluginException listing a failure per class that cannot be used
     */
    static <R> List<R> loadEach(List<String> classNames, ClassLoader loader, Loading<R> loading)
            throws BrokenPluginException {
        List<R> loaded = new ArrayList<>();
        List<PluginFailure> failures = new ArrayList<>();
        for (String className : classNames) {
            try (LoaderSwap swap = LoaderSwap.use(loader)) {
                loaded.add(loading.load(className));
            } catch (BrokenPluginException e) {
                failures.addAll(e.failures());
            }
        }
        if (!failures.isEmpty()) {
            throw new BrokenPluginException(failures);
        }
        return loaded;
    }

    /**
     * A created instance and the constructor that made it.
     *
     * @param <T> the service type
     */
    record Created<T>(Constructor<? extends T> constructor, T instance) {
    }

    /**
     * Loads {@code className} through {@code loader} and creates an instance with its public no-argument
     * constructor.
     *
     * @throws BrokenPluginException naming what is wrong with the class
     */
    Created<T> create(PluginLocation location, String className, ClassLoader loader) throws BrokenPluginException {
        Path path = location.path();
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw fail(PluginFailure.Kind.SERVICE_CLASS_NOT_FOUND, path, entry + " names class " + className
                    + ", which is in none of the plugin's jars");
        } catch (LinkageError e) {
            throw linkage(path, className, e);
        }
        if (!service.isAssignableFrom(type)) {
            throw fail(notOfType, path, "class " + className + " is listed as a " + role.replace(" class", "")
                    + " but does not " + requirement);
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw fail(PluginFailure.Kind.NO_PUBLIC_CONSTRUCTOR, path, role + " " + className
                    + " must be public and not abstract to be instantiated");
        }
        try {
            Constructor<? extends T> constructor = type.asSubclass(service).getConstructor();
            return new Created<>(constructor, constructor.newInstance());
        } catch (NoSuchMethodException e) {
            throw fail(PluginFailure.Kind.NO_PUBLIC_CONSTRUCTOR, path, role + " " + className
                    + " has no public constructor without parameters");
        } catch (InvocationTargetException e) {
            throw creationFailed(path, className, "constructor", e.getCause());
        } catch (ExceptionInInitializerError e) {
            throw creationFailed(path, className, "static initialiser", e.getCause());
        } catch (LinkageError e) {
            throw linkage(path, className, e);
        } catch (InstantiationException | IllegalAccessException e) {
            throw fail(PluginFailure.Kind.NO_PUBLIC_CONSTRUCTOR, path, role + " " + className
                    + " cannot be instantiated (" + e.getMessage() + ")");
        }
    }

    private BrokenPluginException creationFailed(Path path, String className, String part, Throwable cause) {
        if (cause instanceof LinkageError linkage) {
            return linkage(path, className, linkage);
        }
        return fail(PluginFailure.Kind.INITIALIZATION_FAILED, path, "the " + part + " of " + role + " " + className
                + " threw " + ConnectorLoader.describe(cause));
    }

    /** The failure for a class missing from, or not linking against, the plugin's jars. */
    BrokenPluginException linkage(Path path, String className, LinkageError error) {
        if (error instanceof NoClassDefFoundError && error.getMessage() != null
                && !error.getMessage().startsWith("Could not initialize")) {
            return fail(PluginFailure.Kind.MISSING_DEPENDENCY, path, "class " + error.getMessage().replace('/', '.')
                    + ", needed by " + role + " " + className + ", is in none of the plugin's jars");
        }
        if (error instanceof ExceptionInInitializerError init) {
            return fail(PluginFailure.Kind.INITIALIZATION_FAILED, path, "a static initialiser run by " + role + " "
                    + className + " threw " + ConnectorLoader.describe(init.getCause()));
        }
        return fail(PluginFailure.Kind.MISSING_DEPENDENCY, path, role + " " + className
                + " does not link against the plugin's jars: " + ConnectorLoader.describe(error));
    }

    static BrokenPluginException fail(PluginFailure.Kind kind, Path path, String cause) {
        return new BrokenPluginException(PluginFailure.of(kind, path, cause));
    }
}

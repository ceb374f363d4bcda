package dev.tributary.runtime.plugin.isolation;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;

/**
 * The class loader of one plugin: it sees the plugin's own jars, the JDK, and — from the runtime — only the shared
 * packages (the connector SPI and the logging API). Everything else a plugin uses, Jackson and OkHttp included, comes
 * from the plugin's jars, so two plugins can bundle conflicting versions of a library side by side with the runtime's
 * own copy.
 *
 * <p>Lookup order for a class or resource name:
 * <ol>
 *   <li>a name in a shared package ({@code dev.tributary.spi.}, {@code org.slf4j.}, as given) is loaded by the
 *       runtime's class loader only, so that plugin and runtime agree on the SPI types;</li>
 *   <li>otherwise the JDK's platform class loader is asked first — it knows {@code java.*} and the JDK's own
 *       modules, never a library, so the application class path stays invisible;</li>
 *   <li>then the plugin's jars.</li>
 * </ol>
 * Asking the JDK before the plugin (rather than strictly child-first) keeps a plugin that bundles an old API jar
 * such as {@code xml-apis} from shadowing JDK packages, which would end in {@link LinkageError}s.
 *
 * <p>Thread-safe (parallel capable). {@link #close()} releases the jar files; classes already loaded keep working,
 * and the loader becomes collectable once nothing references it or its classes.
 */
public final class PluginClassLoader extends URLClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader runtimeLoader;
    private final List<String> sharedPackages;
    private final List<String> sharedResources;

    /**
     * Creates the loader of one plugin.
     *
     * @param pluginName a name for diagnostics (the plugin's file name)
     * @param jars the plugin's jars, in lookup order
     * @param runtimeLoader the runtime's class loader, which supplies the shared packages
     * @param sharedPackages package prefixes ending in a dot, e.g. {@code "dev.tributary.spi."}
     */
    public PluginClassLoader(String pluginName, List<URL> jars, ClassLoader runtimeLoader,
            List<String> sharedPackages) {
        super(pluginName, jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        this.runtimeLoader = Objects.requireNonNull(runtimeLoader, "runtimeLoader");
        this.sharedPackages = List.copyOf(sharedPackages);
        this.sharedResources = this.sharedPackages.stream().map(p -> p.replace('.', '/')).toList();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name, sharedPackages)) {
            return runtimeLoader.loadClass(name);
        }
        // The platform parent first, then our jars (URLClassLoader's own order).
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return isShared(name, sharedResources) ? runtimeLoader.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isShared(name, sharedResources) ? runtimeLoader.getResources(name) : super.getResources(name);
    }

    private static boolean isShared(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "PluginClassLoader[" + getName() + "]";
    }
}

package dev.tributary.runtime.plugin.isolation;

import java.util.Objects;

/**
 * Sets the current thread's context class loader for the duration of a {@code try}-with-resources block and restores
 * the previous one on {@link #close()}:
 *
 * <pre>{@code
 * try (LoaderSwap swap = LoaderSwap.use(pluginLoader)) {
 *     connector.fetchEntity(options);
 * }
 * }</pre>
 *
 * <p>Libraries inside a plugin (Jackson modules, JDBC drivers, {@link java.util.ServiceLoader} users) look up classes
 * through the context class loader; without the swap they would see the runtime's classes instead of their own.
 * An instance belongs to the thread that created it and must be closed on that thread.
 */
public final class LoaderSwap implements AutoCloseable {

    private final Thread thread;
    private final ClassLoader previous;

    private LoaderSwap(Thread thread, ClassLoader previous) {
        this.thread = thread;
        this.previous = previous;
    }

    /**
     * Makes {@code loader} the current thread's context class loader until the returned swap is closed.
     *
     * @param loader the class loader of the plugin about to be called; never null
     */
    public static LoaderSwap use(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        return new LoaderSwap(current, previous);
    }

    /** Restores the context class loader that was current when this swap was created. */
    @Override
    public void close() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("a LoaderSwap must be closed on the thread that created it");
        }
        thread.setContextClassLoader(previous);
    }
}

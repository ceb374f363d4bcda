package dev.tributary.testplugin.destination;

/** Fails a call that runs without the plugin's own loader as context class loader, as a JDBC driver lookup would. */
final class PluginLoaderCheck {

    private PluginLoaderCheck() {
    }

    static void require(Class<?> caller) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != caller.getClassLoader()) {
            throw new IllegalStateException(caller.getSimpleName() + " called with context class loader " + context
                    + " instead of its plugin's loader " + caller.getClassLoader());
        }
    }
}

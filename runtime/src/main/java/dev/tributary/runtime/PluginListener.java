package dev.tributary.runtime;

import dev.tributary.runtime.plugin.PluginChange;

/**
 * Hears about plugins added, reloaded and removed while a {@link Tributary} watches its plugins folders (see
 * {@link Tributary.Builder#watchPlugins(boolean)}).
 *
 * <p>Called on the runtime's watcher thread, once per change, after the registry already reflects it. Keep it
 * quick; an exception it throws is logged and does not stop other listeners.
 */
@FunctionalInterface
public interface PluginListener {

    /** Called after a plugin was added, reloaded or removed. */
    void onPluginChange(PluginChange change);
}

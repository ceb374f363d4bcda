/**
 * Implementation, not API: class-loader isolation for plugins. {@link dev.tributary.runtime.plugin.isolation.PluginClassLoader}
 * gives each plugin its own view of libraries, and {@link dev.tributary.runtime.plugin.isolation.LoaderSwap} sets the
 * thread context class loader around a call into plugin code. This package depends on the JDK only.
 */
package dev.tributary.runtime.plugin.isolation;

/**
 * Implementation, not API: class-loader isolation for plugins. {@code PluginClassLoader} gives each plugin its own
 * view of libraries, and {@code LoaderSwap} sets the thread context class loader around a call into plugin code.
 * This package depends on the JDK only.
 */
package dev.tributary.runtime.plugin.isolation;

/**
 * Implementation of plugin discovery and loading behind {@link dev.tributary.runtime.Tributary}: scanning plugin
 * folders, reading manifests and service entries, isolating each plugin in its own class loader, reporting broken
 * plugins, and reloading when the folders change. Embedders do not construct these types; they receive the values
 * ({@link dev.tributary.runtime.plugin.ConnectorRegistry}, {@link dev.tributary.runtime.plugin.ConnectorInfo},
 * {@link dev.tributary.runtime.plugin.PluginReport}, {@link dev.tributary.runtime.plugin.PluginFailure},
 * {@link dev.tributary.runtime.plugin.PluginChange}) through {@code Tributary}, and only those are stable.
 */
package dev.tributary.runtime.plugin;

package dev.tributary.runtime.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link PluginRegistry} discovers plugins.
 *
 * @param folders plugins folders, in discovery order; each must exist
 * @param applicationLoader the class loader that supplies the SPI to plugins and is searched for class-path
 *     connectors
 * @param classpathDiscovery whether connectors declared on {@code applicationLoader}'s class path are found too
 * @param strict whether any broken plugin makes {@link PluginRegistry#open} fail instead of being skipped
 * @param watch whether the folders are watched and plugins added, reloaded and removed while the registry is open
 */
public record PluginOptions(List<Path> folders, ClassLoader applicationLoader, boolean classpathDiscovery,
        boolean strict, boolean watch) {

    public PluginOptions {
        folders = List.copyOf(folders);
        Objects.requireNonNull(applicationLoader, "applicationLoader");
    }
}

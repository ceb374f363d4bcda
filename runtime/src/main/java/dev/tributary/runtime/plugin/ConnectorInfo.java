package dev.tributary.runtime.plugin;

import dev.tributary.spi.ConnectorMetadata;
import java.util.Objects;

/**
 * A connector available in the registry: what it says about itself and which plugin provides it.
 *
 * @param metadata the connector's metadata, read once when the plugin loaded
 * @param plugin the plugin providing the connector
 * @param hasIcon whether the icon named by the metadata exists inside the plugin
 */
public record ConnectorInfo(ConnectorMetadata metadata, PluginLocation plugin, boolean hasIcon) {

    public ConnectorInfo {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(plugin, "plugin");
    }

    /** The connector id; shorthand for {@code metadata().id()}. */
    public String id() {
        return metadata.id();
    }
}

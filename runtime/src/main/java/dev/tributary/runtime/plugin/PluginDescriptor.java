package dev.tributary.runtime.plugin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plugin declares, read from its jars' manifests and service entries without loading any class.
 *
 * @param location where the plugin is
 * @param connectorClassNames the classes listed in {@code META-INF/services/dev.tributary.spi.BaseConnector}, in
 *     order, without duplicates; never empty
 * @param spiVersion the SPI version the plugin was built against; absent for class-path plugins
 */
record PluginDescriptor(PluginLocation location, List<String> connectorClassNames, Optional<String> spiVersion) {

    PluginDescriptor {
        Objects.requireNonNull(location, "location");
        connectorClassNames = List.copyOf(connectorClassNames);
        Objects.requireNonNull(spiVersion, "spiVersion");
    }
}

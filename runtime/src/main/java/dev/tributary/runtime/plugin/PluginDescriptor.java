package dev.tributary.runtime.plugin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plugin declares, read from its jars' manifests and service entries without loading any class.
 *
 * @param location where the plugin is
 * @param connectorClassNames the classes listed in {@code META-INF/services/dev.tributary.spi.BaseConnector}, in
 *     order, without duplicates
 * @param destinationClassNames the classes listed in
 *     {@code META-INF/services/dev.tributary.spi.destination.DestinationProvider}, in order, without duplicates
 * @param spiVersion the SPI version the plugin was built against; absent for class-path plugins
 */
record PluginDescriptor(PluginLocation location, List<String> connectorClassNames, List<String> destinationClassNames,
        Optional<String> spiVersion) {

    PluginDescriptor {
        Objects.requireNonNull(location, "location");
        connectorClassNames = List.copyOf(connectorClassNames);
        destinationClassNames = List.copyOf(destinationClassNames);
        Objects.requireNonNull(spiVersion, "spiVersion");
    }

    /** A plugin that provides connectors only, as class-path plugins do. */
    PluginDescriptor(PluginLocation location, List<String> connectorClassNames, Optional<String> spiVersion) {
        this(location, connectorClassNames, List.of(), spiVersion);
    }
}

package dev.tributary.runtime.plugin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of loading one plugin, for listings such as {@code tributary plugins}.
 *
 * @param location where the plugin is
 * @param status {@link PluginStatus#LOADED} when {@code failures} is empty, else {@link PluginStatus#FAILED}
 * @param spiVersion the SPI version recorded in the plugin's manifest; absent for class-path plugins and when the
 *     manifest does not say
 * @param connectorIds the ids of the connectors the plugin provides and that are available, sorted
 * @param destinationIds the ids of the destinations the plugin provides and that are available, sorted
 * @param failures why the plugin is not (fully) usable; empty when loaded
 */
public record PluginReport(PluginLocation location, PluginStatus status, Optional<String> spiVersion,
        List<String> connectorIds, List<String> destinationIds, List<PluginFailure> failures) {

    public PluginReport {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(spiVersion, "spiVersion");
        connectorIds = List.copyOf(connectorIds);
        destinationIds = List.copyOf(destinationIds);
        failures = List.copyOf(failures);
        if ((status == PluginStatus.LOADED) != failures.isEmpty()) {
            throw new IllegalArgumentException("a plugin is LOADED exactly when it has no failures");
        }
    }

    /** The report of a plugin that provides connectors only. */
    public PluginReport(PluginLocation location, PluginStatus status, Optional<String> spiVersion,
            List<String> connectorIds, List<PluginFailure> failures) {
        this(location, status, spiVersion, connectorIds, List.of(), failures);
    }

    /** Whether the plugin loaded without failures. */
    public boolean loaded() {
        return status == PluginStatus.LOADED;
    }
}

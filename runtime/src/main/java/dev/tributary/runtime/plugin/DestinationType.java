package dev.tributary.runtime.plugin;

import dev.tributary.runtime.destination.PluggedDestination;
import dev.tributary.spi.destination.DestinationMetadata;
import java.util.Objects;
import java.util.Optional;

/**
 * One loaded destination provider of a plugin, with the metadata it reported at discovery. Immutable and
 * thread-safe as its provider is.
 *
 * @param provider the provider, wrapped to run in the plugin's class loader
 * @param providerClass the provider's class name as the plugin declares it
 * @param metadata what {@code metadata()} returned when the plugin was loaded
 * @param plugin where the provider comes from
 */
record DestinationType(IsolatedDestinationProvider provider, String providerClass, DestinationMetadata metadata,
        PluginLocation plugin) {

    DestinationType {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerClass, "providerClass");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(plugin, "plugin");
    }

    /** The provider as the destination resolver takes it. */
    PluggedDestination plugged() {
        return new PluggedDestination(provider, providerClass, Optional.of(plugin.toString()));
    }
}

package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.DestinationProvider;
import java.util.Objects;
import java.util.Optional;

/**
 * A destination provider the runtime did not build in: found on the application class path, registered by an
 * embedder, or loaded from a plugin (then already wrapped so that every call runs in the plugin's class loader).
 *
 * @param provider the provider to call
 * @param providerClass the fully qualified class name of the provider as its author wrote it
 * @param plugin where it was loaded from, e.g. {@code plugins/duckdb}; absent for class-path and registered ones
 */
public record PluggedDestination(DestinationProvider provider, String providerClass, Optional<String> plugin) {

    public PluggedDestination {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerClass, "providerClass");
        Objects.requireNonNull(plugin, "plugin");
    }

    /** A provider used as it is, in the class loader that loaded it. */
    public static PluggedDestination of(DestinationProvider provider) {
        return new PluggedDestination(provider, provider.getClass().getName(), Optional.empty());
    }
}

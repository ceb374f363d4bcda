package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.DestinationMetadata;
import java.util.Objects;
import java.util.Optional;

/**
 * One installed kind of destination, as listed by {@link DestinationResolver#installed()}.
 *
 * @param metadata what the provider declares about itself
 * @param providerClass the fully qualified class name of its {@link dev.tributary.spi.destination.DestinationProvider}
 * @param builtIn whether it ships with the runtime rather than coming from a provider found on the class loader
 * @param plugin the plugin it was loaded from, e.g. {@code plugins/duckdb}; absent for built-in, class-path and
 *     registered providers
 */
public record InstalledDestination(DestinationMetadata metadata, String providerClass, boolean builtIn,
        Optional<String> plugin) {

    public InstalledDestination {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(providerClass, "providerClass");
        if (providerClass.isBlank()) {
            throw new IllegalArgumentException("providerClass must not be blank");
        }
        Objects.requireNonNull(plugin, "plugin");
    }

    /** A destination that comes from no plugin. */
    public InstalledDestination(DestinationMetadata metadata, String providerClass, boolean builtIn) {
        this(metadata, providerClass, builtIn, Optional.empty());
    }
}

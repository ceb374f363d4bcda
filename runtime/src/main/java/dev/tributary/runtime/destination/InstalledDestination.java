package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.DestinationMetadata;
import java.util.Objects;

/**
 * One installed kind of destination, as listed by {@link DestinationResolver#installed()}.
 *
 * @param metadata what the provider declares about itself
 * @param providerClass the fully qualified class name of its {@link dev.tributary.spi.destination.DestinationProvider}
 * @param builtIn whether it ships with the runtime rather than coming from a provider found on the class loader
 */
public record InstalledDestination(DestinationMetadata metadata, String providerClass, boolean builtIn) {

    public InstalledDestination {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(providerClass, "providerClass");
        if (providerClass.isBlank()) {
            throw new IllegalArgumentException("providerClass must not be blank");
        }
    }
}

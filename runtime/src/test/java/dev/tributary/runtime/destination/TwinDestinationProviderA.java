package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationMetadata;
import dev.tributary.spi.destination.DestinationProvider;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One of two test providers that both accept {@code twin:} URLs, registered only by the class loader that
 * {@link DestinationResolverTest} builds to provoke a conflict. Opening fails: a conflict must be reported first.
 */
public final class TwinDestinationProviderA implements DestinationProvider {

    /** Public no-arg constructor for the service loader. */
    public TwinDestinationProviderA() {
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith("twin:");
    }

    @Override
    public Destination open(String url, UnaryOperator<String> environment) {
        throw new AssertionError("a conflicting provider must not be opened");
    }

    @Override
    public DestinationMetadata metadata() {
        return new DestinationMetadata("twin_a", "Twin A", List.of("twin:name"), false);
    }
}

package dev.tributary.spi.destination;

import java.util.function.UnaryOperator;

/**
 * Opens destinations of one kind from their URL; the {@link java.util.ServiceLoader} service a destination plugin
 * registers in {@code META-INF/services/dev.tributary.spi.destination.DestinationProvider}.
 *
 * <p>Public no-arg constructor, no I/O in it; thread-safe.
 *
 * @since 1.0
 */
public interface DestinationProvider {

    /** Whether this provider handles the URL, judged from its scheme alone (for example {@code jdbc:sqlite:}). */
    boolean accepts(String url);

    /**
     * Opens the destination and checks it is reachable.
     *
     * @param url the destination URL; may carry credentials, which must never appear in messages
     * @param environment reads environment variables (for example {@code PGPASSWORD}); returns null when unset
     * @throws IllegalArgumentException when the URL is malformed, naming the part at fault
     * @throws DestinationException when the destination cannot be reached
     */
    Destination open(String url, UnaryOperator<String> environment);

    /**
     * Describes this kind of destination. Must be cheap, constant and free of I/O.
     *
     * @implSpec The default, for providers built against SPI 1.0, derives an id and a name from the class's simple
     *     name, lists no URL forms and declares no typed tables.
     * @since 1.1
     */
    default DestinationMetadata metadata() {
        return DestinationMetadata.derivedFrom(getClass());
    }
}

package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationProvider;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;

/**
 * Opens a destination from its URL: {@code jdbc:sqlite:} and {@code jdbc:postgresql:} with the built-in JDBC
 * destination, anything else with the first {@link DestinationProvider} found on the given class loader that
 * accepts it. Thread-safe.
 */
public final class DestinationResolver {

    private final ClassLoader providers;
    private final UnaryOperator<String> environment;

    /**
     * @param providers where {@link DestinationProvider} services are looked up
     * @param environment reads environment variables such as {@code PGPASSWORD}; returns null when unset
     */
    public DestinationResolver(ClassLoader providers, UnaryOperator<String> environment) {
        this.providers = Objects.requireNonNull(providers, "providers");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * Opens the destination and checks it is reachable.
     *
     * @param schema the schema to write into, overriding the URL's {@code schema} parameter
     * @throws IllegalArgumentException when the URL is malformed or no destination accepts it
     * @throws dev.tributary.spi.destination.DestinationException when the destination cannot be reached
     */
    public Destination open(String url, Optional<String> schema) {
        if (DestinationUrl.isJdbc(url)) {
            return JdbcDestination.open(DestinationUrl.parse(url, schema, environment), Clock.systemUTC());
        }
        List<DestinationProvider> candidates = ServiceLoader.load(DestinationProvider.class, providers).stream()
                .map(ServiceLoader.Provider::get).filter(provider -> provider.accepts(url)).toList();
        if (candidates.isEmpty()) {
            // Let the JDBC parser produce its message naming the scheme and the supported forms.
            DestinationUrl.parse(url, schema, environment);
        }
        if (schema.isPresent()) {
            throw new IllegalArgumentException("--schema applies to PostgreSQL destinations; put the schema in the"
                    + " destination URL of " + candidates.get(0).getClass().getName());
        }
        return candidates.get(0).open(url, environment);
    }
}

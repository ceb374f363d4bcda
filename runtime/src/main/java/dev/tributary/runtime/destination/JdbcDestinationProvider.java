package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationMetadata;
import dev.tributary.spi.destination.DestinationProvider;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The built-in provider of {@code jdbc:sqlite:} and {@code jdbc:postgresql:} destinations. Thread-safe.
 */
public final class JdbcDestinationProvider implements DestinationProvider {

    /** What the built-in provider is: id {@code jdbc}, its two URL forms, typed tables. */
    static final DestinationMetadata METADATA = new DestinationMetadata("jdbc", "SQLite and PostgreSQL (built in)",
            List.of("jdbc:sqlite:/path/file.db", "jdbc:postgresql://host:port/database"), true);

    /** Creates the provider; no I/O. */
    public JdbcDestinationProvider() {
    }

    @Override
    public boolean accepts(String url) {
        return DestinationUrl.isJdbc(url);
    }

    @Override
    public Destination open(String url, UnaryOperator<String> environment) {
        return JdbcDestination.open(DestinationUrl.parse(url, Optional.empty(), environment), Clock.systemUTC());
    }

    @Override
    public DestinationMetadata metadata() {
        return METADATA;
    }
}

package dev.tributary.destination.duckdb;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationMetadata;
import dev.tributary.spi.destination.DestinationProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Opens {@code jdbc:duckdb:/path/file.duckdb} destinations (a relative path is resolved against the working
 * directory). Stateless and thread-safe; the constructor does no I/O.
 */
public final class DuckDbDestinationProvider implements DestinationProvider {

    /** Id {@code duckdb}, one URL form, typed tables (see TypedTables). */
    static final DestinationMetadata METADATA = new DestinationMetadata("duckdb", "DuckDB",
            List.of("jdbc:duckdb:/path/file.duckdb"), true);

    /** Creates the provider; no I/O. */
    public DuckDbDestinationProvider() {
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith(DuckDbUrl.PREFIX);
    }

    /**
     * @throws IllegalArgumentException when the URL names no usable file path
     * @throws dev.tributary.spi.destination.DestinationException when the file cannot be opened for writing, e.g.
     *     because another process holds it
     */
    @Override
    public Destination open(String url, UnaryOperator<String> environment) {
        return DuckDbDestination.open(DuckDbUrl.parse(url, Path.of("").toAbsolutePath()), Clock.systemUTC());
    }

    @Override
    public DestinationMetadata metadata() {
        return METADATA;
    }
}

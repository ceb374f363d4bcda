package dev.tributary.destination.duckdb;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A parsed {@code jdbc:duckdb:} destination URL: the database file, absolute. Only files are accepted: an in-memory
 * database would lose every synced row when the sync ends, and MotherDuck ({@code md:}) is not supported.
 *
 * @param file the database file, absolute and normalised
 */
record DuckDbUrl(Path file) {

    static final String PREFIX = "jdbc:duckdb:";
    private static final String EXAMPLE = "e.g. jdbc:duckdb:/data/warehouse.duckdb";

    DuckDbUrl {
        Objects.requireNonNull(file, "file");
        if (!file.isAbsolute()) {
            throw new IllegalArgumentException("the DuckDB file must be an absolute path: " + file);
        }
    }

    /**
     * Parses a URL.
     *
     * @param workingDirectory what a relative path is resolved against
     * @throws IllegalArgumentException naming what is wrong with the URL and how a right one looks
     */
    static DuckDbUrl parse(String url, Path workingDirectory) {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a DuckDB destination URL starts with " + PREFIX + ", " + EXAMPLE);
        }
        String path = url.substring(PREFIX.length());
        if (path.isBlank()) {
            throw new IllegalArgumentException("DuckDB destination URL needs a file path, " + EXAMPLE);
        }
        if (path.startsWith(":memory:")) {
            throw new IllegalArgumentException("DuckDB destination URL names an in-memory database, which keeps"
                    + " nothing after the sync; give a file path, " + EXAMPLE);
        }
        if (path.startsWith("md:") || path.startsWith("motherduck:")) {
            throw new IllegalArgumentException("MotherDuck databases are not supported as destinations; give a"
                    + " local file path, " + EXAMPLE);
        }
        if (path.indexOf('?') >= 0) {
            // Not echoed: a parameter may hold a token.
            throw new IllegalArgumentException("DuckDB destination URL takes no parameters (the part from '?' on);"
                    + " give the file path only, " + EXAMPLE);
        }
        try {
            return new DuckDbUrl(workingDirectory.resolve(path).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("DuckDB destination URL has an invalid file path: " + e.getReason()
                    + ", " + EXAMPLE, e);
        }
    }

    /** The URL the DuckDB driver opens. */
    String jdbcUrl() {
        return PREFIX + file;
    }
}

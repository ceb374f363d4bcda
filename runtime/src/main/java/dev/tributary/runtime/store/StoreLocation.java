package dev.tributary.runtime.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the store lives: a JDBC URL for SQLite or PostgreSQL. {@link #toString()} hides passwords, so a location
 * may appear in messages.
 *
 * <p>Accepted forms: {@code jdbc:sqlite:/path/tributary.db}, {@code jdbc:postgresql://host:5432/db?user=u&password=p}
 * and {@code postgresql://u:p@host:5432/db} (also {@code postgres://}), which is turned into the JDBC form.
 * Immutable and thread-safe.
 */
public final class StoreLocation {

    /** The store's file name under the Tributary home. */
    public static final String DEFAULT_FILE = "tributary.db";

    private final String jdbcUrl;
    private final StoreDialect dialect;

    private StoreLocation(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        this.dialect = StoreDialect.of(jdbcUrl);
    }

    /** The default store: the SQLite file {@value #DEFAULT_FILE} under {@code home}. */
    public static StoreLocation defaultIn(Path home) {
        return new StoreLocation("jdbc:sqlite:" + home.resolve(DEFAULT_FILE).toAbsolutePath());
    }

    /**
     * Parses a URL given in {@code TRIBUTARY_STORE_URL} or {@code --store}.
     *
     * @throws IllegalArgumentException when the URL is for neither SQLite nor PostgreSQL; the message holds no
     *     password
     */
    public static StoreLocation parse(String url) {
        Objects.requireNonNull(url, "url");
        String trimmed = url.trim();
        if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
            return new StoreLocation(toJdbc(trimmed));
        }
        return new StoreLocation(trimmed);
    }

    private static String toJdbc(String url) {
        try {
            URI uri = new URI(url);
            StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
            if (uri.getPort() > 0) {
                jdbc.append(':').append(uri.getPort());
            }
            jdbc.append(uri.getRawPath() == null ? "/" : uri.getRawPath());
            StringBuilder query = new StringBuilder(uri.getRawQuery() == null ? "" : uri.getRawQuery());
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                append(query, "user=" + parts[0]);
                if (parts.length == 2) {
                    append(query, "password=" + parts[1]);
                }
            }
            return query.length() == 0 ? jdbc.toString() : jdbc.append('?').append(query).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("store URL is not a valid URL (at index " + e.getIndex() + ")");
        }
    }

    private static void append(StringBuilder query, String parameter) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(parameter);
    }

    /** The JDBC URL, passwords included; only for opening connections. */
    String jdbcUrl() {
        return jdbcUrl;
    }

    /** The database product. */
    public StoreDialect dialect() {
        return dialect;
    }

    /** The URL with any password replaced by {@code ********}. */
    @Override
    public String toString() {
        return RedactedUrl.of(jdbcUrl);
    }
}

package dev.tributary.runtime.destination;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * A parsed destination URL: {@code jdbc:sqlite:/path/file.db} or
 * {@code jdbc:postgresql://host:port/db?user=..&password=..&schema=..}. Credentials are split off the JDBC URL into
 * connection properties (the password also comes from {@code PGPASSWORD}), so {@link #describe()} and
 * {@link #toString()} never show them.
 *
 * <p>Immutable and thread-safe.
 */
public final class DestinationUrl {

    private static final String SQLITE = "jdbc:sqlite:";
    private static final String POSTGRES = "jdbc:postgresql:";

    private final SqlDialect dialect;
    private final String jdbcUrl;
    private final Properties properties;
    private final Optional<String> schema;
    private final Optional<Path> file;

    private DestinationUrl(SqlDialect dialect, String jdbcUrl, Properties properties, Optional<String> schema,
            Optional<Path> file) {
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.schema = schema;
        this.file = file;
    }

    /** Whether the URL names a destination this class can parse, judged from its scheme. */
    public static boolean isJdbc(String url) {
        return url.startsWith(SQLITE) || url.startsWith(POSTGRES);
    }

    /** The default destination: {@code jdbc:sqlite:<home>/warehouse.db}. */
    public static String defaultUrl(Path home) {
        return SQLITE + home.resolve("warehouse.db").toAbsolutePath();
    }

    /**
     * Parses a URL.
     *
     * @param schemaOverride a schema that replaces the URL's {@code schema} parameter
     * @param environment reads {@code PGPASSWORD}; returns null when unset
     * @throws IllegalArgumentException naming the part at fault, never echoing credentials
     */
    public static DestinationUrl parse(String url, Optional<String> schemaOverride, UnaryOperator<String> environment) {
        Objects.requireNonNull(url, "url");
        if (url.startsWith(SQLITE)) {
            return sqlite(url.substring(SQLITE.length()), schemaOverride);
        }
        if (url.startsWith(POSTGRES + "//")) {
            return postgres(url, schemaOverride, environment);
        }
        int colon = url.indexOf(':', url.startsWith("jdbc:") ? 5 : 0);
        String scheme = colon < 0 ? "(none)" : url.substring(0, colon + 1);
        throw new IllegalArgumentException("unsupported destination URL scheme '" + scheme
                + "'; expected jdbc:sqlite:/path/file.db or jdbc:postgresql://host:port/database");
    }

    private static DestinationUrl sqlite(String rest, Optional<String> schemaOverride) {
        int query = rest.indexOf('?');
        Map<String, String> parameters = query < 0 ? Map.of() : parameters(rest.substring(query + 1));
        String path = query < 0 ? rest : rest.substring(0, query);
        if (path.isBlank() || path.startsWith(":memory:")) {
            throw new IllegalArgumentException("SQLite destination URL needs a file path, e.g. jdbc:sqlite:/data/warehouse.db");
        }
        if (schemaOverride.isPresent() || parameters.containsKey("schema")) {
            new SqliteDialect().createSchema("");
        }
        Properties properties = new Properties();
        properties.setProperty("journal_mode", "WAL");
        // NORMAL is crash-safe in WAL mode: a killed process never loses a committed transaction.
        properties.setProperty("synchronous", "NORMAL");
        properties.setProperty("busy_timeout", "60000");
        // Writers take the lock when they begin, so concurrent writers wait instead of failing to upgrade.
        properties.setProperty("transaction_mode", "IMMEDIATE");
        Path file = Path.of(path).toAbsolutePath();
        return new DestinationUrl(new SqliteDialect(), SQLITE + file, properties, Optional.empty(), Optional.of(file));
    }

    private static DestinationUrl postgres(String url, Optional<String> schemaOverride,
            UnaryOperator<String> environment) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        if (base.length() <= (POSTGRES + "//").length()) {
            throw new IllegalArgumentException("PostgreSQL destination URL needs a host and database, e.g."
                    + " jdbc:postgresql://localhost:5432/warehouse");
        }
        Map<String, String> parameters = new LinkedHashMap<>(query < 0 ? Map.of() : parameters(url.substring(query + 1)));
        Properties properties = new Properties();
        String user = parameters.remove("user");
        if (user != null) {
            properties.setProperty("user", user);
        }
        String password = parameters.remove("password");
        if (password == null) {
            password = environment.apply("PGPASSWORD");
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        String schemaParameter = parameters.remove("schema");
        Optional<String> schema = schemaOverride.or(() -> Optional.ofNullable(schemaParameter))
                .filter(s -> !s.isBlank());
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("ApplicationName", "tributary");
        parameters.forEach(properties::setProperty);
        return new DestinationUrl(new PostgresDialect(), base, properties, schema.map(TableNames::sanitise),
                Optional.empty());
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            result.put(key, value);
        }
        return result;
    }

    SqlDialect dialect() {
        return dialect;
    }

    /** The JDBC URL without credentials or the schema parameter. */
    String jdbcUrl() {
        return jdbcUrl;
    }

    /** A copy of the connection properties, credentials included. Never log them. */
    Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /** The schema tables go into; absent for the connection's default. */
    public Optional<String> schema() {
        return schema;
    }

    /** The SQLite database file; absent for other databases. */
    public Optional<Path> file() {
        return file;
    }

    /** The URL without credentials, plus the schema, safe to print. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(jdbcUrl);
        schema.ifPresent(s -> parts.add("schema " + s));
        return String.join(", ", parts);
    }

    @Override
    public String toString() {
        return describe();
    }
}

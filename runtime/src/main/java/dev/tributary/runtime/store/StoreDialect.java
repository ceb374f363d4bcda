package dev.tributary.runtime.store;

import java.util.Locale;

/** The database products the store runs on, told apart by the JDBC URL's prefix. */
public enum StoreDialect {
    /** SQLite through {@code org.xerial:sqlite-jdbc}; URLs start with {@code jdbc:sqlite:}. */
    SQLITE("jdbc:sqlite:"),
    /** PostgreSQL through {@code org.postgresql:postgresql}; URLs start with {@code jdbc:postgresql:}. */
    POSTGRESQL("jdbc:postgresql:");

    private final String prefix;

    StoreDialect(String prefix) {
        this.prefix = prefix;
    }

    /**
     * The dialect of {@code jdbcUrl}.
     *
     * @throws IllegalArgumentException when the URL is for neither SQLite nor PostgreSQL
     */
    public static StoreDialect of(String jdbcUrl) {
        for (StoreDialect dialect : values()) {
            if (jdbcUrl.startsWith(dialect.prefix)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("store URL must start with jdbc:sqlite: or jdbc:postgresql: (or"
                + " postgresql://)");
    }

    /** The folder of migration scripts for this dialect. */
    String migrationFolder() {
        return name().toLowerCase(Locale.ROOT);
    }
}

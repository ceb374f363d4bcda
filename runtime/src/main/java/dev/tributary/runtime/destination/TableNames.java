package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.EntityTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The SQL names of one entity's tables and key columns: {@code <prefix>_<entity>} sanitised to {@code [a-z0-9_]},
 * short enough for PostgreSQL's 63-byte identifiers once the staging suffix is added: a name longer than 50
 * characters keeps its first 41 and ends with {@code _} and 8 hex digits of the SHA-256 of the whole name, so that
 * long names stay distinct.
 *
 * @param live the live table
 * @param staging the staging table of a full refresh
 * @param keyColumns the primary-key columns, in the order of the entity's primary-key fields
 */
record TableNames(String live, String staging, List<String> keyColumns) {

    private static final int MAX_BASE_LENGTH = 50;
    private static final int HASH_LENGTH = 8;

    TableNames {
        keyColumns = List.copyOf(keyColumns);
    }

    static TableNames of(EntityTable table) {
        String base = sanitise(table.prefix() + "_" + table.entity());
        if (base.length() > MAX_BASE_LENGTH) {
            // Cut names alone would make entities that share their first 50 characters write into one table.
            base = base.substring(0, MAX_BASE_LENGTH - HASH_LENGTH - 1) + "_" + hash(base);
        }
        return new TableNames(base, base + "__staging", table.primaryKey().stream().map(TableNames::sanitise).toList());
    }

    /**
     * The staging copy of a child table {@code table} during a full refresh: {@code <table>__staging}, or, when that
     * would pass 63 characters, the first 45 characters, {@code _}, 8 hex digits of the name's hash and
     * {@code __stg}.
     */
    static String stagingOf(String table) {
        String staging = table + "__staging";
        return staging.length() <= 63 ? staging : table.substring(0, 45) + "_" + hash(table) + "__stg";
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Lower-cases and replaces every character outside {@code [a-z0-9_]} with {@code _}. */
    static String sanitise(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return lower.isEmpty() || Character.isDigit(lower.charAt(0)) ? "t_" + lower : lower;
    }
}

package dev.tributary.destination.duckdb;

import dev.tributary.spi.destination.EntityTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The names and SQL of one entity's tables, the same layout as the runtime's JDBC destinations: {@code
 * <prefix>_<entity>} sanitised to {@code [a-z0-9_]} and cut to 50 characters, {@code <live>__staging} for a full
 * refresh, the primary-key columns as {@code TEXT}, then {@code _record} ({@code JSON}), {@code _synced_at},
 * {@code _data_source} and {@code _deleted_at}. A writer stages each batch in a temporary table of the key columns
 * and {@code _record}, filled by DuckDB's appender, and merges it with one statement.
 *
 * @param live the live table
 * @param staging the staging table of a full refresh
 * @param keyColumns the primary-key columns, in the order of the entity's primary-key fields
 */
record EntityTables(String live, String staging, List<String> keyColumns) {

    /** The per-connection temporary table a writer appends each batch into. */
    static final String BATCH = "_tributary_batch";

    private static final int MAX_BASE_LENGTH = 50;
    private static final int HASH_LENGTH = 8;

    EntityTables {
        keyColumns = List.copyOf(keyColumns);
    }

    static EntityTables of(EntityTable table) {
        String base = sanitise(table.prefix() + "_" + table.entity());
        if (base.length() > MAX_BASE_LENGTH) {
            // As the JDBC destinations name them: cut names alone would make entities that share their first 50
            // characters write into one table.
            base = base.substring(0, MAX_BASE_LENGTH - HASH_LENGTH - 1) + "_" + hash(base);
        }
        return new EntityTables(base, base + "__staging",
                table.primaryKey().stream().map(EntityTables::sanitise).toList());
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

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    String createTable(String table, boolean ifNotExists) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(ifNotExists ? "IF NOT EXISTS " : "")
                .append(quote(table)).append(" (");
        for (String key : quotedKeys()) {
            sql.append(key).append(" TEXT NOT NULL, ");
        }
        return sql.append("\"_record\" JSON NOT NULL, \"_synced_at\" TIMESTAMPTZ NOT NULL,"
                + " \"_data_source\" TEXT NOT NULL, \"_deleted_at\" TIMESTAMPTZ, PRIMARY KEY (")
                .append(String.join(", ", quotedKeys())).append("))").toString();
    }

    String createBatchTable() {
        StringBuilder sql = new StringBuilder("CREATE TEMP TABLE IF NOT EXISTS ").append(quote(BATCH)).append(" (");
        for (String key : quotedKeys()) {
            sql.append(key).append(" TEXT NOT NULL, ");
        }
        return sql.append("\"_record\" TEXT NOT NULL)").toString();
    }

    /** Merges the batch table into {@code table}; parameters: {@code _synced_at}, {@code _data_source}. */
    String merge(String table) {
        String keys = String.join(", ", quotedKeys());
        return "INSERT INTO " + quote(table) + " (" + keys + ", \"_record\", \"_synced_at\", \"_data_source\","
                + " \"_deleted_at\") SELECT " + keys + ", \"_record\", ?, ?, NULL FROM temp.main." + quote(BATCH)
                + " ON CONFLICT (" + keys + ") DO UPDATE SET \"_record\" = excluded.\"_record\","
                + " \"_synced_at\" = excluded.\"_synced_at\", \"_data_source\" = excluded.\"_data_source\","
                + " \"_deleted_at\" = NULL";
    }

    /** Marks one key deleted; parameters: {@code _deleted_at}, {@code _synced_at}, then the key columns. */
    String markDeleted(String table) {
        List<String> conditions = new ArrayList<>();
        for (String key : quotedKeys()) {
            conditions.add(key + " = ?");
        }
        return "UPDATE " + quote(table) + " SET \"_deleted_at\" = ?, \"_synced_at\" = ? WHERE "
                + String.join(" AND ", conditions);
    }

    /** Statements, run in one transaction, that replace the live table with the staging table. */
    List<String> swap() {
        return List.of("DROP TABLE IF EXISTS " + quote(live),
                "ALTER TABLE " + quote(staging) + " RENAME TO " + quote(live));
    }

    private List<String> quotedKeys() {
        return keyColumns.stream().map(EntityTables::quote).toList();
    }
}

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
 * refresh, the primary-key columns as {@code TEXT}; {@link TypedTableSql} gives their DDL. A writer given records
 * without a typed form stages them in a temporary table of the key columns and {@code _record}, filled by DuckDB's
 * appender, and merges it with one statement that sets {@code _record} and the system columns only (or, into a table
 * without typed columns, deletes the batch's keys and inserts its rows); typed batches go through
 * {@link TypedTables}.
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

    /**
     * The staging copy of a child table {@code table} during a full refresh, as the runtime's destinations name it:
     * {@code <table>__staging}, or, when that would pass 63 characters, the first 45 characters, {@code _}, 8 hex
     * digits of the name's hash and {@code __stg}.
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

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
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

    /** Deletes the rows of {@code table} whose key is in the batch table (one hash join against its keys). */
    String deleteBatched(String table) {
        List<String> conditions = new ArrayList<>();
        for (String key : quotedKeys()) {
            conditions.add(quote(table) + "." + key + " = b." + key);
        }
        return "DELETE FROM " + quote(table) + " USING temp.main." + quote(BATCH) + " b WHERE "
                + String.join(" AND ", conditions);
    }

    /**
     * Inserts the batch table's rows into {@code table}, after {@link #deleteBatched}: together they replace the rows
     * of a table of key, {@code _record} and system columns only, about twice as fast as {@link #merge}. Parameters:
     * {@code _synced_at}, {@code _data_source}.
     */
    String insertBatched(String table) {
        String keys = String.join(", ", quotedKeys());
        return "INSERT INTO " + quote(table) + " (" + keys + ", \"_record\", \"_synced_at\", \"_data_source\","
                + " \"_deleted_at\") SELECT " + keys + ", \"_record\", ?, ?, NULL FROM temp.main." + quote(BATCH);
    }

    /**
     * Upserts one row from parameters (the key columns, {@code _record}, {@code _synced_at}, {@code _data_source}),
     * setting {@code _record} and the system columns only.
     */
    String upsertOne(String table) {
        String keys = String.join(", ", quotedKeys());
        return "INSERT INTO " + quote(table) + " (" + keys + ", \"_record\", \"_synced_at\", \"_data_source\","
                + " \"_deleted_at\") VALUES (" + "?, ".repeat(keyColumns.size()) + "?, ?, ?, NULL) ON CONFLICT ("
                + keys + ") DO UPDATE SET \"_record\" = excluded.\"_record\", \"_synced_at\" ="
                + " excluded.\"_synced_at\", \"_data_source\" = excluded.\"_data_source\", \"_deleted_at\" = NULL";
    }

    /** Reads one row's {@code _deleted_at}; parameters: the key columns. */
    String selectDeletedAt(String table) {
        return "SELECT \"_deleted_at\" FROM " + quote(table) + " WHERE " + keyConditions();
    }

    /** Marks one key deleted; parameters: {@code _deleted_at}, {@code _synced_at}, then the key columns. */
    String markDeleted(String table) {
        return "UPDATE " + quote(table) + " SET \"_deleted_at\" = ?, \"_synced_at\" = ? WHERE " + keyConditions();
    }

    private String keyConditions() {
        List<String> conditions = new ArrayList<>();
        for (String key : quotedKeys()) {
            conditions.add(key + " = ?");
        }
        return String.join(" AND ", conditions);
    }

    /**
     * Marks deleted every live row of {@code table} a complete listing did not write; parameters: {@code _deleted_at},
     * {@code _synced_at}, the time the listing started.
     */
    static String markUnlisted(String table) {
        return "UPDATE " + quote(table) + " SET \"_deleted_at\" = ?, \"_synced_at\" = ? WHERE \"_deleted_at\" IS NULL"
                + " AND \"_synced_at\" < ?";
    }

    private List<String> quotedKeys() {
        return keyColumns.stream().map(EntityTables::quote).toList();
    }
}

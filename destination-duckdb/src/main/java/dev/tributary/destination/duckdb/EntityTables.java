package dev.tributary.destination.duckdb;

import dev.tributary.spi.destination.EntityTable;
import java.util.ArrayList;
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

    EntityTables {
        keyColumns = List.copyOf(keyColumns);
    }

    static EntityTables of(EntityTable table) {
        String base = sanitise(table.prefix() + "_" + table.entity());
        if (base.length() > MAX_BASE_LENGTH) {
            base = base.substring(0, MAX_BASE_LENGTH);
        }
        return new EntityTables(base, base + "__staging",
                table.primaryKey().stream().map(EntityTables::sanitise).toList());
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

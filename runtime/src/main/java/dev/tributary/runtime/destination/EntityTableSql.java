package dev.tributary.runtime.destination;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL text for one entity's tables: DDL, the multi-row upsert and the deletion update. Immutable; builds
 * statements on demand.
 */
final class EntityTableSql {

    private final SqlDialect dialect;
    private final Optional<String> schema;
    private final TableNames names;

    EntityTableSql(SqlDialect dialect, Optional<String> schema, TableNames names) {
        this.dialect = dialect;
        this.schema = schema;
        this.names = names;
    }

    SqlDialect dialect() {
        return dialect;
    }

    Optional<String> schema() {
        return schema;
    }

    TableNames names() {
        return names;
    }

    String qualified(String table) {
        return dialect.qualify(schema, table);
    }

    /** Columns per row in the upsert: the key columns, then {@code _record, _synced_at, _data_source}. */
    int columnsPerRow() {
        return names.keyColumns().size() + 3;
    }

    String createTable(String table, boolean ifNotExists) {
        List<String> keys = quotedKeys();
        StringBuilder sql = new StringBuilder("CREATE TABLE ");
        if (ifNotExists) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(qualified(table)).append(" (");
        for (String key : keys) {
            sql.append(key).append(" TEXT NOT NULL, ");
        }
        sql.append("\"_record\" ").append(dialect.jsonType()).append(" NOT NULL, ")
                .append("\"_synced_at\" ").append(dialect.timestampType()).append(" NOT NULL, ")
                .append("\"_data_source\" TEXT NOT NULL, ")
                .append("\"_deleted_at\" ").append(dialect.timestampType()).append(", ")
                .append(dialect.primaryKeyClause(table, keys)).append(')');
        return sql.toString();
    }

    String upsert(String table, int rows) {
        List<String> keys = quotedKeys();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(qualified(table)).append(" (");
        for (String key : keys) {
            sql.append(key).append(", ");
        }
        sql.append("\"_record\", \"_synced_at\", \"_data_source\", \"_deleted_at\") VALUES ");
        String row = "(" + "?, ".repeat(keys.size()) + dialect.jsonPlaceholder() + ", ?, ?, NULL)";
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        sql.append(" ON CONFLICT (").append(String.join(", ", keys)).append(") DO UPDATE SET")
                .append(" \"_record\" = excluded.\"_record\", \"_synced_at\" = excluded.\"_synced_at\",")
                .append(" \"_data_source\" = excluded.\"_data_source\", \"_deleted_at\" = NULL");
        return sql.toString();
    }

    String markDeleted(String table) {
        List<String> conditions = new ArrayList<>();
        for (String key : quotedKeys()) {
            conditions.add(key + " = ?");
        }
        return "UPDATE " + qualified(table) + " SET \"_deleted_at\" = ?, \"_synced_at\" = ? WHERE "
                + String.join(" AND ", conditions);
    }

    private List<String> quotedKeys() {
        return names.keyColumns().stream().map(dialect::quote).toList();
    }
}

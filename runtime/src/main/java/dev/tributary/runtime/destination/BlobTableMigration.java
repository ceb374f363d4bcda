package dev.tributary.runtime.destination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.typing.EntityTyper;
import dev.tributary.runtime.typing.TypingSettings;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Migrates the blob-only live table of an earlier version in place, in the caller's transaction: types its stored
 * {@code _record}s page by page in key order, each page starting after the previous page's last key (so each page
 * costs the same however deep) with the {@link EntityTyper} a sync uses, from the table's {@link EntityTable#schema()}
 * (declared fields get their declared types and formats, such as Stripe's epoch-second {@code created} as a
 * timestamp; undeclared fields, or all of a 1.0 connector's, are inferred from the values), and has the
 * live {@link TypedTables} add the columns and child tables they need, recorded in the history with run
 * {@value TypedTables#MIGRATION_RUN}, and fill them. No row is re-fetched; the state row is untouched. Used once per
 * table.
 */
final class BlobTableMigration {

    private static final int PAGE = 1_000;

    private final SqlDialect dialect;
    private final TypedTableSql sql;
    private final EntityTable table;
    private final String live;
    private final ObjectMapper exact;

    BlobTableMigration(SqlDialect dialect, TypedTableSql sql, EntityTable table, ObjectMapper json) {
        this.dialect = dialect;
        this.sql = sql;
        this.table = table;
        this.live = TableNames.of(table).live();
        this.exact = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /**
     * Migrates the table through {@code tables}, which writes the live tables and starts from {@code keysOnly}.
     *
     * @return the layout of the migrated tables
     * @throws IllegalStateException when the table has no {@code _record} column (it is not Tributary's) or holds
     *     a {@code _record} that is not JSON
     */
    EntityLayout migrate(Connection connection, TypedTables tables, EntityLayout keysOnly,
            Map<String, Boolean> liveColumns, Instant now) throws SQLException {
        if (!liveColumns.containsKey("_record")) {
            throw new IllegalStateException("table " + live + " exists without a _record column, so it was"
                    + " not made by Tributary; drop or rename it, or sync into another prefix");
        }
        if (dialect instanceof PostgresDialect) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + sql.qualified(live) + " ALTER COLUMN \"_record\" DROP NOT NULL");
            }
        }
        EntityTyper typer = new EntityTyper(table.entity(), table.primaryKey(), table.schema(), keysOnly,
                TypingSettings.defaults(63));
        List<Column> keys = keysOnly.table().keyColumns();
        String keyList = String.join(", ", keys.stream().map(c -> dialect.quote(c.name())).toList());
        String select = "SELECT \"_record\", " + keyList + " FROM " + sql.qualified(live);
        String order = " ORDER BY " + keyList + " LIMIT " + PAGE;
        String after = " WHERE (" + keyList + ") > (" + String.join(", ", keys.stream().map(c -> "?").toList()) + ")";
        Optional<List<String>> lastKey = Optional.empty();
        while (true) {
            List<Map<String, Object>> records = new ArrayList<>();
            try (PreparedStatement page = connection.prepareStatement(select + (lastKey.isPresent() ? after : "")
                    + order)) {
                for (int i = 0; lastKey.isPresent() && i < keys.size(); i++) {
                    page.setString(i + 1, lastKey.get().get(i));
                }
                try (ResultSet rows = page.executeQuery()) {
                    List<String> key = List.of();
                    while (rows.next()) {
                        records.add(exact.readValue(rows.getString(1), new TypeReference<Map<String, Object>>() { }));
                        key = new ArrayList<>();
                        for (int i = 0; i < keys.size(); i++) {
                            key.add(rows.getString(i + 2));
                        }
                    }
                    lastKey = Optional.of(key);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored _record of " + live + " is not JSON: "
                        + e.getOriginalMessage(), e);
            }
            if (records.isEmpty()) {
                return tables.layout();
            }
            tables.fill(connection, typer.type(records, TypedTables.MIGRATION_RUN), now);
        }
    }
}

package dev.tributary.destination.duckdb;

import dev.tributary.destination.support.EventLedger;
import dev.tributary.destination.support.MetadataDialect;
import dev.tributary.destination.support.SchemaHistory;
import dev.tributary.destination.support.StateTable;
import dev.tributary.spi.destination.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The tables a DuckDB file keeps next to the entity tables, laid out as the runtime's SQLite and PostgreSQL
 * destinations lay them out (one copy of that code, in destination-support, bundled in this plugin), with DuckDB's
 * differences: the schema history numbers its rows from a sequence, stores its times as {@code TIMESTAMPTZ} and
 * records each column's DuckDB type in {@code native_type}. Immutable; thread-safe.
 */
final class DuckDbMetadata implements MetadataDialect {

    private static final DuckDbMetadata DIALECT = new DuckDbMetadata();
    /** The {@code _tributary_state} table. */
    static final StateTable STATE = new StateTable(DIALECT, Optional.empty());
    /** The {@code _tributary_schema} table. */
    static final SchemaHistory HISTORY = new SchemaHistory(DIALECT, Optional.empty());
    /** The {@code _tributary_events} and {@code _tributary_row_events} tables. */
    static final EventLedger EVENTS = new EventLedger(DIALECT, Optional.empty());

    private DuckDbMetadata() {
    }

    @Override
    public String serialPrimaryKey(String column, String sequence) {
        return quote(column) + " BIGINT PRIMARY KEY DEFAULT nextval('" + sequence.replace("'", "''") + "')";
    }

    @Override
    public List<String> createSequence(String sequence) {
        return List.of("CREATE SEQUENCE IF NOT EXISTS " + sequence);
    }

    @Override
    public String nativeType(ColumnType type) {
        return DuckDbTypes.nativeType(type);
    }

    @Override
    public boolean recordsNativeTypes() {
        return true;
    }

    @Override
    public String historyTimeType() {
        return "TIMESTAMPTZ";
    }

    @Override
    public void bindHistoryTime(PreparedStatement statement, int index, Instant time) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
    }
}

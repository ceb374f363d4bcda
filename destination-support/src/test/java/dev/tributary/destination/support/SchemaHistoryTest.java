package dev.tributary.destination.support;

import static dev.tributary.destination.support.Layouts.column;
import static dev.tributary.destination.support.Layouts.entity;
import static dev.tributary.destination.support.Layouts.items;
import static dev.tributary.destination.support.Layouts.orders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaHistoryTest {

    private static final Instant T1 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-07T11:00:00Z");
    private static final Column AMOUNT = column("amount", ColumnType.INTEGER);
    private static final Column SKU = column("sku", ColumnType.STRING);

    @TempDir
    Path temp;

    private final SchemaHistory history = new SchemaHistory(new SqliteMetadata(false), Optional.empty());

    @Test
    void replaysCreationsAdditionsAndWideningsIntoTheLayout() throws SQLException {
        try (Connection connection = SqliteMetadata.open(temp)) {
            history.create(connection);
            history.create(connection);
            history.record(connection, SchemaHistory.creation(orders(), "new entity orders"), T1, "run-1");
            history.record(connection, List.of(new SchemaHistory.Entry("shop_orders", Optional.of(AMOUNT),
                    "ADD_COLUMN", Optional.empty(), "new field amount")), T1, "run-1");
            List<SchemaHistory.Entry> items = new ArrayList<>(SchemaHistory.creation(items(), "new list items"));
            items.add(new SchemaHistory.Entry("shop_orders__items", Optional.of(SKU), "ADD_COLUMN",
                    Optional.of("shop_orders"), "new field items.sku"));
            history.record(connection, items, T2, "run-2");
            history.record(connection, List.of(new SchemaHistory.Entry("shop_orders",
                    Optional.of(column("amount", ColumnType.NUMBER)), "WIDEN_COLUMN", Optional.empty(), "1.5")),
                    T2, "run-2");
            history.record(connection, List.of(), T2, "run-3");

            Optional<EntityLayout> layout = history.read(connection, "shop_orders");

            assertThat(layout).contains(entity(orders(column("amount", ColumnType.NUMBER)), items(SKU)));
            assertThat(strings(connection, "SELECT \"run\" || ' ' || \"time\" FROM _tributary_schema ORDER BY id"))
                    .hasSize(6).first().isEqualTo("run-1 2026-12-07T10:00:00Z");
        }
    }

    @Test
    void readsNothingForATableWithoutCreation() throws SQLException {
        try (Connection connection = SqliteMetadata.open(temp)) {
            history.create(connection);
            history.record(connection, List.of(new SchemaHistory.Entry("shop_orders", Optional.of(AMOUNT),
                    "ADD_COLUMN", Optional.empty(), "orphan")), T1, "run-1");

            assertThat(history.read(connection, "shop_orders")).isEmpty();
            assertThat(history.read(connection, "shop_customers")).isEmpty();
        }
    }

    @Test
    void recordsNativeTypesAndRunsTheSequenceStatementsWhereTheDialectAsks() throws SQLException {
        SchemaHistory nativeHistory = new SchemaHistory(new SqliteMetadata(true), Optional.empty());
        try (Connection connection = SqliteMetadata.open(temp)) {
            nativeHistory.create(connection);
            nativeHistory.record(connection, SchemaHistory.creation(orders(), "new"), T1, "run-1");
            nativeHistory.record(connection, List.of(new SchemaHistory.Entry("shop_orders", Optional.of(AMOUNT),
                    "ADD_COLUMN", Optional.empty(), "new field amount")), T1, "run-1");

            assertThat(strings(connection,
                    "SELECT \"column\" || ' ' || native_type FROM _tributary_schema ORDER BY id"))
                    .containsExactly("id SQLITE_STRING", "amount SQLITE_INTEGER");
            assertThat(strings(connection, "SELECT name FROM sqlite_master WHERE name = '_tributary_schema_id'"))
                    .containsExactly("_tributary_schema_id");
            assertThat(nativeHistory.read(connection, "shop_orders")).contains(entity(orders(AMOUNT)));
        }
    }

    @Test
    void refusesAnEntryWithAMissingPart() {
        assertThatThrownBy(() -> new SchemaHistory.Entry("shop_orders", null, "ADD_COLUMN", Optional.empty(), ""))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("column");
    }

    private static List<String> strings(Connection connection, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}

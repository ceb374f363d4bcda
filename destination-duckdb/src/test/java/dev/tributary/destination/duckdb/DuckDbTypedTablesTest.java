package dev.tributary.destination.duckdb;

import static dev.tributary.destination.duckdb.TypedRun.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.destination.duckdb.TypedRun.Json;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed tables in real DuckDB files: native column types queryable by name, a new column mid-sync, child tables
 * through update, deletion and full refresh, widening and variant columns, values that do not fit DuckDB's types,
 * the layout read back after a restart, and a table written before typed tables.
 */
class DuckDbTypedTablesTest {

    private static final EntityTable CUSTOMERS = new EntityTable("shop", "customers", List.of("id"), "shop");
    private static final Instant T1 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final Instant T2 = T1.plusSeconds(60);

    private final DuckDbDestinationProvider provider = new DuckDbDestinationProvider();

    @TempDir
    Path temp;

    private Path file() {
        return temp.resolve("warehouse.duckdb");
    }

    private Destination open() {
        return provider.open("jdbc:duckdb:" + file(), name -> null);
    }

    private List<String> query(String sql) throws Exception {
        return DuckDbFiles.query(file(), sql);
    }

    private List<String> columnTypes(String table) throws Exception {
        return query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '" + table
                + "' ORDER BY ordinal_position");
    }

    @Test
    void typedColumnsHaveNativeTypesAndAreQueryableByName() throws Exception {
        try (Destination destination = open(); TypedRun run = new TypedRun(destination, CUSTOMERS,
                SyncMode.INCREMENTAL)) {
            run.write(List.of(
                    row("id", "cus_1", "email", "a@example.com", "balance", 9_007_199_254_740_993L,
                            "delinquent", true, "rate", new BigDecimal("12345678901234567890.123456789"),
                            "created", T1, "birthday", LocalDate.of(1990, 5, 17),
                            "metadata", new Json("{\"plan\":\"gold\"}")),
                    row("id", "cus_2", "email", "b@example.com", "balance", -5L, "delinquent", false)), T2);
        }
        assertThat(query("SELECT email, balance, rate, created = TIMESTAMPTZ '2026-01-02 03:04:05.123456+00',"
                + " birthday, metadata->>'plan' FROM shop_customers WHERE delinquent"))
                .containsExactly("a@example.com|9007199254740993|12345678901234567890.123456789000000000|true"
                        + "|1990-05-17|gold");
        assertThat(query("SELECT sum(balance) FROM shop_customers")).containsExactly("9007199254740988");
        assertThat(columnTypes("shop_customers")).containsExactly("id|VARCHAR", "_record|JSON",
                "_synced_at|TIMESTAMP WITH TIME ZONE", "_data_source|VARCHAR", "_deleted_at|TIMESTAMP WITH TIME ZONE",
                "email|VARCHAR", "balance|BIGINT", "delinquent|BOOLEAN", "rate|DECIMAL(38,18)",
                "created|TIMESTAMP WITH TIME ZONE", "birthday|DATE", "metadata|JSON");
        assertThat(query("SELECT \"table\", \"column\", \"type\", native_type, \"change\", \"run\" FROM"
                + " _tributary_schema WHERE \"column\" IN ('id', 'balance') ORDER BY id"))
                .containsExactly("shop_customers|id|STRING|VARCHAR|CREATE_TABLE|open",
                        "shop_customers|balance|INTEGER|BIGINT|ADD_COLUMN|run-1");
        assertThat(query("SELECT _record->>'email' FROM shop_customers WHERE id = 'cus_2'"))
                .containsExactly("b@example.com");
    }

    @Test
    void aNewFieldMidSyncBecomesAColumnWithNoRowLostAndTheLayoutSurvivesARestart() throws Exception {
        EntityLayout before;
        try (Destination destination = open()) {
            try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
                run.write(List.of(row("id", "cus_1", "email", "a@example.com")), T1);
                run.write(List.of(row("id", "cus_2", "email", "b@example.com", "phone", "+33")), T2);
            }
            before = destination.readLayout(CUSTOMERS).orElseThrow();
        }
        assertThat(before.table().columns()).extracting(Column::name).containsExactly("email", "phone");
        try (Destination destination = open(); TypedRun run = new TypedRun(destination, CUSTOMERS,
                SyncMode.INCREMENTAL)) {
            assertThat(run.writer.layout()).contains(before);
            run.write(List.of(row("id", "cus_1", "email", "a@example.com", "phone", "+44")), T2);
        }
        assertThat(query("SELECT id, email, phone FROM shop_customers ORDER BY id"))
                .containsExactly("cus_1|a@example.com|+44", "cus_2|b@example.com|+33");
    }

    @Test
    void aBatchThatFailsAfterItsSchemaChangeLeavesNeitherTheColumnNorItsHistory() throws Exception {
        try (Destination destination = open(); TypedRun run = new TypedRun(destination, CUSTOMERS,
                SyncMode.INCREMENTAL)) {
            run.write(List.of(row("id", "cus_1", "email", "a@example.com")), T1);
            // The runtime never sends a row without its key; here it makes the batch fail after the ALTER TABLE.
            assertThatThrownBy(() -> run.write(List.of(row("email", "b@example.com", "phone", "+33")), T2))
                    .isInstanceOf(DestinationException.class).hasMessageContaining("shop_customers");
        }
        assertThat(columnTypes("shop_customers")).noneMatch(column -> column.startsWith("phone|"));
        assertThat(query("SELECT count(*) FROM _tributary_schema WHERE \"column\" = 'phone'")).containsExactly("0");
        assertThat(query("SELECT position FROM _tributary_state")).containsExactly("page-1");
        try (Destination destination = open()) {
            assertThat(destination.readLayout(CUSTOMERS).orElseThrow().table().columns()).extracting(Column::name)
                    .containsExactly("email");
        }
    }

    private static Map<String, List<Map<String, Object>>> items(Object... parentAndPrices) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String parent = null;
        long position = 0;
        for (Object value : parentAndPrices) {
            if (value instanceof String text && text.startsWith("s")) {
                parent = text;
                position = 0;
            } else {
                rows.add(row("_parent_id", parent, "_position", position++, "price", value, "quantity", 1L));
            }
        }
        return Map.of("items", rows);
    }

    @Test
    void childRowsFollowTheirParentThroughUpdateDeletionAndFullRefresh() throws Exception {
        try (Destination destination = open()) {
            try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
                run.write(List.of(row("id", "s1"), row("id", "s2")), items("s1", "p1", "p2", "s2", "p3"), List.of(),
                        T1, true);
                run.write(List.of(row("id", "s1")), items("s1", "p9"), List.of(), T1, true);
                run.write(List.of(), Map.of(), List.of(Map.of("id", "s2")), T2, true);
            }
            assertThat(query("SELECT _parent_id, _position, price, quantity FROM shop_customers__items"
                    + " ORDER BY _parent_id, _position")).containsExactly("s1|0|p9|1", "s2|0|p3|1");
            try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.FULL_REFRESH)) {
                run.write(List.of(row("id", "s3")), items("s3", "p4", "p5"), List.of(), T2, true);
                assertThat(query("SELECT count(*) FROM shop_customers__items")).as("live until finish")
                        .containsExactly("2");
                run.finish();
            }
            assertThat(destination.readLayout(CUSTOMERS).orElseThrow().children()).singleElement()
                    .satisfies(child -> assertThat(child.columns()).extracting(Column::name)
                            .containsExactly("price", "quantity"));
        }
        assertThat(query("SELECT _parent_id, _position, price FROM shop_customers__items ORDER BY _position"))
                .containsExactly("s3|0|p4", "s3|1|p5");
        assertThat(query("SELECT id FROM shop_customers")).containsExactly("s3");
        assertThat(DuckDbFiles.hasTable(file(), "shop_customers__items__staging")).isFalse();
    }

    @Test
    void aKeyWrittenTwiceInOneFullRefreshKeepsItsLastRowAndOnlyTheLastRowsChildren() throws Exception {
        try (Destination destination = open()) {
            try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.FULL_REFRESH)) {
                run.write(List.of(row("id", "s1", "email", "old@example.com"), row("id", "s2", "email",
                        "b@example.com")), items("s1", "p1", "p2", "s2", "p3"), List.of(), T1, true);
                run.write(List.of(row("id", "s1", "email", "new@example.com")), items("s1", "p9"), List.of(), T2,
                        true);
                run.finish();
            }
        }
        assertThat(query("SELECT id, email, _synced_at = TIMESTAMPTZ '" + T2 + "', _deleted_at IS NULL"
                + " FROM shop_customers ORDER BY id")).containsExactly("s1|new@example.com|true|true",
                        "s2|b@example.com|false|true");
        assertThat(query("SELECT _parent_id, _position, price FROM shop_customers__items"
                + " ORDER BY _parent_id, _position")).containsExactly("s1|0|p9", "s2|0|p3");
    }

    @Test
    void aColumnTheBatchsLayoutDoesNotKnowKeepsItsValueWhenTheRowIsWrittenAgain() throws Exception {
        try (Destination destination = open()) {
            try (TypedRun stale = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
                try (TypedRun other = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
                    other.write(List.of(row("id", "s1", "email", "a@example.com", "phone", "+33")), T1);
                }
                assertThat(stale.layout().table().columns()).as("opened before phone was added").isEmpty();
                stale.write(List.of(row("id", "s1", "email", "b@example.com"), row("id", "s2", "email",
                        "c@example.com")), T2);
            }
        }
        assertThat(query("SELECT id, email, phone FROM shop_customers ORDER BY id"))
                .containsExactly("s1|b@example.com|+33", "s2|c@example.com|null");
    }

    @Test
    void aFullRefreshAddsColumnsAndChildTablesToItsStagingTablesAndSwapsThemInAtFinish() throws Exception {
        try (Destination destination = open()) {
            try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
                run.write(List.of(row("id", "s1", "email", "a@example.com")), T1);
            }
            try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.FULL_REFRESH)) {
                run.write(List.of(row("id", "s2", "email", "b@example.com", "phone", "+33")),
                        items("s2", "p1"), List.of(), T2, true);
                EntityLayout live = destination.readLayout(CUSTOMERS).orElseThrow();
                assertThat(live.table().columns()).as("the live layout while the refresh runs")
                        .extracting(Column::name).containsExactly("email");
                assertThat(live.children()).isEmpty();
                assertThat(columnTypes("shop_customers")).noneMatch(column -> column.startsWith("phone|"));
                assertThat(DuckDbFiles.hasTable(file(), "shop_customers__items")).isFalse();
                run.finish();
            }
            assertThat(destination.readLayout(CUSTOMERS).orElseThrow().table().columns()).extracting(Column::name)
                    .containsExactly("email", "phone");
        }
        assertThat(query("SELECT id, email, phone FROM shop_customers")).containsExactly("s2|b@example.com|+33");
        assertThat(query("SELECT _parent_id, price FROM shop_customers__items")).containsExactly("s2|p1");
    }

    @Test
    void anAbandonedFullRefreshLeavesItsNewColumnsOutOfTheLiveLayout() throws Exception {
        try (Destination destination = open()) {
            try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
                run.write(List.of(row("id", "s1", "email", "a@example.com")), T1);
            }
            try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.FULL_REFRESH)) {
                run.write(List.of(row("id", "s2", "phone", "+33")), T2);
            }
            try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
                assertThat(run.layout().table().columns()).extracting(Column::name).containsExactly("email");
                run.write(List.of(row("id", "s3", "phone", "+44")), T2);
            }
            assertThat(destination.readLayout(CUSTOMERS).orElseThrow().table().columns()).extracting(Column::name)
                    .containsExactly("email", "phone");
        }
        assertThat(query("SELECT id, email, phone FROM shop_customers ORDER BY id"))
                .containsExactly("s1|a@example.com|null", "s3|null|+44");
    }

    @Test
    void anIntegerColumnWidensToANumberAndTheRuntimesVariantColumnTakesOtherValues() throws Exception {
        try (Destination destination = open(); TypedRun run = new TypedRun(destination, CUSTOMERS,
                SyncMode.INCREMENTAL)) {
            run.write(List.of(row("id", "c1", "amount", 10L)), T1);
            run.widen("amount");
            run.write(List.of(row("id", "c2", "amount", new BigDecimal("2.5"))), T1);
            run.variant("amount", "amount__v_text", ColumnType.STRING);
            run.write(List.of(row("id", "c3", "amount__v_text", "n/a")), T1);
        }
        assertThat(query("SELECT id, amount, amount__v_text FROM shop_customers ORDER BY id")).containsExactly(
                "c1|10.000000000000000000|null", "c2|2.500000000000000000|null", "c3|null|n/a");
        assertThat(columnTypes("shop_customers")).contains("amount|DECIMAL(38,18)", "amount__v_text|VARCHAR");
    }

    @Test
    void aValueThatDoesNotFitItsDuckDbColumnIsKeptAsTextInAVariantColumnAndInRecord() throws Exception {
        BigDecimal huge = new BigDecimal("123456789012345678901234567890.5");
        BigDecimal fine = new BigDecimal("0.1234567890123456789012");
        try (Destination destination = open()) {
            try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
                run.write(List.of(row("id", "c1", "amount", new BigDecimal("1.5"))), T1);
                run.write(List.of(row("id", "c2", "amount", huge), row("id", "c3", "amount", fine)), T1);
            }
            assertThat(destination.readLayout(CUSTOMERS).orElseThrow().table().columns())
                    .containsExactly(new Column("amount", ColumnType.NUMBER, "amount", ""),
                            new Column("amount__v_text", ColumnType.STRING, "amount", ""));
            try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
                run.write(List.of(row("id", "c4", "amount", huge.negate()), row("id", "c2", "amount",
                        BigDecimal.ONE)), T2);
            }
        }
        // DuckDB's ->> reads JSON numbers as doubles; the stored text keeps every digit.
        assertThat(query("SELECT id, amount, amount__v_text, contains(_record::VARCHAR, '\"amount\":'"
                + " || coalesce(amount__v_text, amount::VARCHAR)) FROM shop_customers ORDER BY id"))
                .containsExactly("c1|1.500000000000000000|null|false", "c2|1.000000000000000000|null|false",
                        "c3|null|0.1234567890123456789012|true", "c4|null|-123456789012345678901234567890.5|true");
        assertThat(query("SELECT \"change\", reason FROM _tributary_schema WHERE \"column\" = 'amount__v_text'"))
                .containsExactly("ADD_VARIANT_COLUMN|a value of amount does not fit DuckDB's DECIMAL(38,18)");
    }

    @Test
    void aValueThatDoesNotFitIsKeptInTheVariantColumnWhenTheRawRecordIsNotKept() throws Exception {
        Instant farFuture = Instant.parse("+300000-01-01T00:00:00Z");
        Instant farPast = Instant.parse("-290000-01-01T00:00:00Z");
        try (Destination destination = open(); TypedRun run = new TypedRun(destination, CUSTOMERS,
                SyncMode.INCREMENTAL)) {
            run.write(List.of(row("id", "c1", "expires", T1, "born", LocalDate.of(2000, 1, 1)),
                    row("id", "c2", "expires", farFuture, "born", LocalDate.of(6_000_000, 1, 1)),
                    row("id", "c3", "expires", farPast)), Map.of(), List.of(), T1, false);
        }
        assertThat(query("SELECT id, expires = TIMESTAMPTZ '2026-01-02 03:04:05.123456+00', expires__v_text,"
                + " born, born__v_text, _record FROM shop_customers ORDER BY id"))
                .containsExactly("c1|true|null|2000-01-01|null|null",
                        "c2|null|+300000-01-01T00:00:00Z|null|+6000000-01-01|null",
                        "c3|false|null|null|null|null");
        assertThat(query("SELECT epoch(expires)::BIGINT FROM shop_customers WHERE id = 'c3'"))
                .containsExactly(String.valueOf(farPast.getEpochSecond()));
    }

    @Test
    void aTableWrittenBeforeTypedTablesIsTakenOverWithItsRowsAndState() throws Exception {
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:" + file(), new Properties());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE \"shop_customers\" (\"id\" TEXT NOT NULL, \"_record\" JSON NOT NULL,"
                    + " \"_synced_at\" TIMESTAMPTZ NOT NULL, \"_data_source\" TEXT NOT NULL, \"_deleted_at\""
                    + " TIMESTAMPTZ, PRIMARY KEY (\"id\"))");
            statement.execute("INSERT INTO shop_customers VALUES ('cus_1', '{\"id\":\"cus_1\",\"email\":\"old@x\"}',"
                    + " TIMESTAMPTZ '2025-01-01 00:00:00+00', 'shop', NULL)");
        }
        try (Destination destination = open()) {
            assertThat(destination.readLayout(CUSTOMERS)).isEmpty();
            try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
                assertThat(run.layout().table().columns()).isEmpty();
                run.write(List.of(row("id", "cus_2", "email", "new@x")), Map.of(), List.of(), T1, false);
            }
            assertThat(destination.readLayout(CUSTOMERS)).isPresent();
        }
        assertThat(query("SELECT id, email, _record->>'email' FROM shop_customers ORDER BY id"))
                .containsExactly("cus_1|null|old@x", "cus_2|new@x|null");
    }

    @Test
    void aBatchWithoutATypedFormAfterSchemaChangesWritesRecordAndSystemColumnsOnly() throws Exception {
        try (Destination destination = open(); TypedRun run = new TypedRun(destination, CUSTOMERS,
                SyncMode.INCREMENTAL)) {
            run.write(List.of(row("id", "c1", "email", "a@example.com")), T1);
            run.writer.write(new WriteBatch(
                    List.of(Map.of("id", "c1", "email", "changed@example.com"), Map.of("id", "c2")), List.of(),
                    new SyncState(SyncMode.INCREMENTAL, false,
                            Optional.of("untyped"), Optional.empty(), Optional.empty()),
                    T2));
            run.write(List.of(row("id", "c3", "email", "c@example.com", "phone", "+1")), T2);
        }
        assertThat(query("SELECT id, email, _record->>'email', phone FROM shop_customers ORDER BY id"))
                .containsExactly("c1|a@example.com|changed@example.com|null", "c2|null|null|null",
                        "c3|c@example.com|c@example.com|+1");
    }

    @Test
    void theProviderDeclaresTypedTablesAndTheWriterItsLayout() {
        assertThat(provider.metadata().typedTables()).isTrue();
        try (Destination destination = open(); TypedRun run = new TypedRun(destination, CUSTOMERS,
                SyncMode.INCREMENTAL)) {
            assertThat(destination.typedTables()).isTrue();
            assertThat(run.layout()).isEqualTo(EntityLayout.keysOnly("shop_customers",
                    List.of(new Column("id", ColumnType.STRING, "id", ""))));
        }
    }
}

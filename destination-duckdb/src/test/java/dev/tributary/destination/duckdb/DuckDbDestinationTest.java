package dev.tributary.destination.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes real DuckDB files: upserts, incremental batches, deletions, the full-refresh swap and resuming. */
class DuckDbDestinationTest {

    private static final EntityTable CUSTOMERS = new EntityTable("shop", "customers", List.of("id"), "shop");
    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-02T10:00:00Z");

    private final DuckDbDestinationProvider provider = new DuckDbDestinationProvider();

    @TempDir
    Path temp;

    private Path file() {
        return temp.resolve("warehouse.duckdb");
    }

    private Destination open() {
        return provider.open("jdbc:duckdb:" + file(), name -> null);
    }

    private static Map<String, Object> record(Object id, String name) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("name", name);
        record.put("note", null);
        return record;
    }

    private static SyncState started(SyncMode mode) {
        return SyncState.started(mode, Optional.empty(), Optional.empty());
    }

    private static WriteBatch batch(SyncState state, Instant at, List<Map<String, Object>> records,
            List<Map<String, Object>> deleted) {
        return new WriteBatch(records, deleted, state, at);
    }

    private List<String> customers() throws Exception {
        return DuckDbFiles.query(file(), "SELECT id, _record->>'name', _data_source, _deleted_at IS NOT NULL"
                + " FROM shop_customers ORDER BY id");
    }

    @Test
    void upsertsOnThePrimaryKeyKeepingTheLastRecordOfAKeyAndCommitsTheStateWithTheRows() throws Exception {
        SyncState state = started(SyncMode.INCREMENTAL).advancedTo("page-1", Optional.of(T1));
        try (Destination destination = open();
                EntityWriter writer = destination.openWriter(CUSTOMERS, started(SyncMode.INCREMENTAL))) {
            writer.write(batch(state, T1, List.of(record(1, "Ada"), record(2.0, "Bob"), record(1, "Ada L.")),
                    List.of()));

            assertThat(destination.readState(CUSTOMERS)).contains(state);
        }

        assertThat(customers()).containsExactly("1|Ada L.|shop|false", "2|Bob|shop|false");
        assertThat(DuckDbFiles.query(file(), "SELECT _record, _synced_at = TIMESTAMPTZ '2026-12-01 10:00:00+00'"
                + " FROM shop_customers WHERE id = '2'"))
                .as("the whole record as JSON, nulls kept; the batch's time")
                .containsExactly("{\"id\":2.0,\"name\":\"Bob\",\"note\":null}|true");
    }

    @Test
    void aSecondIncrementalBatchUpdatesChangedRowsAndAddsNewOnes() throws Exception {
        SyncState first = started(SyncMode.INCREMENTAL).advancedTo("page-1", Optional.of(T1));
        SyncState second = first.advancedTo("page-2", Optional.of(T2));
        try (Destination destination = open()) {
            try (EntityWriter writer = destination.openWriter(CUSTOMERS, started(SyncMode.INCREMENTAL))) {
                writer.write(batch(first, T1, List.of(record(1, "Ada"), record(2, "Bob")), List.of()));
                writer.finish(first.asFinished());
            }
            try (EntityWriter writer = destination.openWriter(CUSTOMERS, started(SyncMode.INCREMENTAL))) {
                writer.write(batch(second, T2, List.of(record(2, "Bobby"), record(3, "Cy")), List.of()));
                writer.finish(second.asFinished());
            }
            assertThat(destination.readState(CUSTOMERS)).contains(second.asFinished());
        }

        assertThat(customers()).containsExactly("1|Ada|shop|false", "2|Bobby|shop|false", "3|Cy|shop|false");
        assertThat(DuckDbFiles.query(file(), "SELECT id FROM shop_customers"
                + " WHERE _synced_at = TIMESTAMPTZ '2026-12-02 10:00:00+00' ORDER BY id"))
                .containsExactly("2", "3");
    }

    @Test
    void deletionsSetDeletedAtAndKeepTheRowUntilTheKeyComesBack() throws Exception {
        SyncState state = started(SyncMode.INCREMENTAL);
        try (Destination destination = open();
                EntityWriter writer = destination.openWriter(CUSTOMERS, state)) {
            writer.write(batch(state.advancedTo("1", Optional.empty()), T1,
                    List.of(record(1, "Ada"), record(2, "Bob")), List.of()));
            writer.write(batch(state.advancedTo("2", Optional.empty()), T2, List.of(record(3, "Cy")),
                    List.of(Map.of("id", 2), Map.of("id", 99))));

            assertThat(customers()).containsExactly("1|Ada|shop|false", "2|Bob|shop|true", "3|Cy|shop|false");
            assertThat(DuckDbFiles.query(file(), "SELECT _deleted_at = TIMESTAMPTZ '2026-12-02 10:00:00+00'"
                    + " FROM shop_customers WHERE id = '2'")).containsExactly("true");

            writer.write(batch(state.advancedTo("3", Optional.empty()), T2, List.of(record(2, "Bob again")),
                    List.of()));
        }

        assertThat(customers()).containsExactly("1|Ada|shop|false", "2|Bob again|shop|false", "3|Cy|shop|false");
    }

    @Test
    void aFullRefreshReplacesTheLiveTableOnlyWhenItFinishes() throws Exception {
        try (Destination destination = open()) {
            SyncState incremental = started(SyncMode.INCREMENTAL);
            try (EntityWriter writer = destination.openWriter(CUSTOMERS, incremental)) {
                writer.write(batch(incremental.advancedTo("1", Optional.empty()), T1,
                        List.of(record(1, "Ada"), record(2, "Bob")), List.of()));
            }
            SyncState refresh = started(SyncMode.FULL_REFRESH).advancedTo("1", Optional.empty());
            try (EntityWriter writer = destination.openWriter(CUSTOMERS, started(SyncMode.FULL_REFRESH))) {
                writer.write(batch(refresh, T2, List.of(record(2, "Bobby"), record(3, "Cy")), List.of()));

                assertThat(customers()).as("readers see the old table until the swap")
                        .containsExactly("1|Ada|shop|false", "2|Bob|shop|false");
                assertThat(DuckDbFiles.query(file(), "SELECT id FROM shop_customers__staging ORDER BY id"))
                        .containsExactly("2", "3");

                writer.finish(refresh.asFinished());
            }
            assertThat(destination.readState(CUSTOMERS)).contains(refresh.asFinished());
        }

        assertThat(customers()).containsExactly("2|Bobby|shop|false", "3|Cy|shop|false");
        assertThat(DuckDbFiles.hasTable(file(), "shop_customers__staging")).isFalse();
        assertThat(DuckDbFiles.query(file(), "SELECT constraint_type FROM information_schema.table_constraints"
                + " WHERE table_name = 'shop_customers'")).as("the swapped-in table keeps its primary key")
                .contains("PRIMARY KEY");
    }

    @Test
    void aFullRefreshAbandonedWithoutFinishResumesFromItsLastCommittedBatch() throws Exception {
        SyncState first = started(SyncMode.FULL_REFRESH).advancedTo("page-1", Optional.of(T1));
        SyncState second = first.advancedTo("page-2", Optional.of(T2));
        try (Destination destination = open()) {
            EntityWriter writer = destination.openWriter(CUSTOMERS, started(SyncMode.FULL_REFRESH));
            writer.write(batch(first, T1, List.of(record(1, "Ada"), record(2, "Bob")), List.of()));
            writer.write(batch(second, T1, List.of(record(3, "Cy")), List.of()));
            assertThatThrownBy(() -> writer.write(batch(second.advancedTo("page-3", Optional.empty()), T1,
                    List.of(record(4, "Di"), Map.of("name", "no key")), List.of())))
                    .isInstanceOf(DestinationException.class)
                    .hasMessageContaining("entity 'customers'")
                    .hasMessageContaining("primary-key field 'id'");
            // The process dies here: no finish, no close of the writer.
        }

        try (Destination destination = open()) {
            Optional<SyncState> state = destination.readState(CUSTOMERS);
            assertThat(state).as("the last committed batch's state").contains(second);
            assertThat(DuckDbFiles.query(file(), "SELECT id FROM shop_customers__staging ORDER BY id"))
                    .as("rows of the committed batches only").containsExactly("1", "2", "3");
            assertThat(DuckDbFiles.hasTable(file(), "shop_customers")).isFalse();

            SyncState third = second.advancedTo("page-3", Optional.of(T2));
            try (EntityWriter writer = destination.openWriter(CUSTOMERS, state.orElseThrow())) {
                writer.write(batch(third, T2, List.of(record(4, "Di")), List.of()));
                writer.finish(third.asFinished());
            }
        }

        assertThat(customers()).containsExactly("1|Ada|shop|false", "2|Bob|shop|false", "3|Cy|shop|false",
                "4|Di|shop|false");
    }

    @Test
    void anIncrementalWriterAbandonedMidEntityLeavesTheLastCommittedStateAndItsRows() throws Exception {
        SyncState first = started(SyncMode.INCREMENTAL).advancedTo("page-1", Optional.of(T1));
        try (Destination destination = open()) {
            EntityWriter writer = destination.openWriter(CUSTOMERS, started(SyncMode.INCREMENTAL));
            writer.write(batch(first, T1, List.of(record(1, "Ada")), List.of()));
        }

        try (Destination destination = open()) {
            assertThat(destination.readState(CUSTOMERS)).contains(first);
        }
        assertThat(customers()).containsExactly("1|Ada|shop|false");
    }

    @Test
    void entitiesWithCompositeKeysAndSeveralWritersShareOneFile() throws Exception {
        EntityTable lines = new EntityTable("shop", "order lines", List.of("order", "Line"), "shop");
        try (Destination destination = open();
                EntityWriter customers = destination.openWriter(CUSTOMERS, started(SyncMode.INCREMENTAL));
                EntityWriter orderLines = destination.openWriter(lines, started(SyncMode.INCREMENTAL))) {
            customers.write(batch(started(SyncMode.INCREMENTAL).advancedTo("c", Optional.empty()), T1,
                    List.of(record(1, "Ada")), List.of()));
            orderLines.write(batch(started(SyncMode.INCREMENTAL).advancedTo("l", Optional.empty()), T1,
                    List.of(Map.of("order", "o1", "Line", 1), Map.of("order", "o1", "Line", 2),
                            Map.of("order", "o2", "Line", 1)), List.of(Map.of("order", "o1", "Line", 2))));

            assertThat(destination.readState(lines).flatMap(SyncState::position)).contains("l");
            assertThat(destination.readState(CUSTOMERS).flatMap(SyncState::position)).contains("c");
        }

        assertThat(DuckDbFiles.query(file(), "SELECT \"order\", line, _deleted_at IS NOT NULL"
                + " FROM shop_order_lines ORDER BY 1, 2"))
                .containsExactly("o1|1|false", "o1|2|true", "o2|1|false");
    }

    @Test
    void writersOfSeveralEntitiesCommitConcurrentlyWithoutConflicts() throws Exception {
        List<EntityTable> entities = List.of(CUSTOMERS, new EntityTable("shop", "orders", List.of("id"), "shop"),
                new EntityTable("shop", "invoices", List.of("id"), "shop"));
        try (Destination destination = open()) {
            List<CompletableFuture<Void>> runs = entities.stream().map(entity -> CompletableFuture.runAsync(() -> {
                SyncState state = started(SyncMode.INCREMENTAL);
                try (EntityWriter writer = destination.openWriter(entity, state)) {
                    for (int page = 0; page < 30; page++) {
                        state = state.advancedTo("page-" + page, Optional.empty());
                        writer.write(batch(state, T1, List.of(record(page * 2, "a"), record(page * 2 + 1, "b")),
                                List.of()));
                    }
                    writer.finish(state.asFinished());
                }
            })).toList();
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            for (EntityTable entity : entities) {
                assertThat(destination.readState(entity).flatMap(SyncState::position)).contains("page-29");
            }
        }
        assertThat(DuckDbFiles.query(file(), "SELECT (SELECT count(*) FROM shop_customers),"
                + " (SELECT count(*) FROM shop_orders), (SELECT count(*) FROM shop_invoices)"))
                .containsExactly("60|60|60");
    }

    @Test
    void checkpointsAfter256MegabytesOfLogNotDuckDbsDefault16() throws Exception {
        try (DuckDbDestination destination = DuckDbDestination.open(DuckDbUrl.parse("jdbc:duckdb:" + file(), temp),
                java.time.Clock.systemUTC());
                java.sql.Connection connection = destination.connect();
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet setting = statement.executeQuery("SELECT current_setting('checkpoint_threshold')")) {
            assertThat(setting.next()).isTrue();
            assertThat(setting.getString(1)).isEqualTo("244.1 MiB"); // DuckDB reads 256MB as 256,000,000 bytes
        }
    }
}

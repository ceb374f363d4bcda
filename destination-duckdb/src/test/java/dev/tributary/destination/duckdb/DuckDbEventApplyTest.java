package dev.tributary.destination.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.EventApplied;
import dev.tributary.spi.destination.EventWrite;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code applyEvent} guarantees in a real DuckDB file: one transaction per event, each event id once, never
 * older over newer, never reviving a deleted row, concurrent deliveries serialised, the sync state untouched. The
 * same checks as the runtime's {@code EventApplyChecks} (copied: that class is bound to the runtime's JDBC
 * destination, and this plugin cannot depend on the runtime), plus DuckDB's typed tables around an event.
 */
class DuckDbEventApplyTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T2.plusSeconds(60);
    private static final EntityTable CUSTOMERS = new EntityTable("billing", "customers", List.of("id"), "billing");
    private static final EntityTable INVOICES = new EntityTable("billing", "invoices", List.of("id"), "billing");

    @TempDir
    Path temp;

    private Destination destination;

    @BeforeEach
    void open() {
        destination = new DuckDbDestinationProvider().open("jdbc:duckdb:" + file(), name -> null);
    }

    @AfterEach
    void close() {
        destination.close();
    }

    private Path file() {
        return temp.resolve("warehouse.duckdb");
    }

    private static EventWrite upsert(String eventId, Instant time, EntityTable table, String id, String name) {
        return new EventWrite("billing", eventId, time, time.plusSeconds(1), List.of(
                new EventWrite.TableChange(table, List.of(Map.of("id", id, "name", name)), List.of())));
    }

    private static EventWrite deletion(String eventId, Instant time, EntityTable table, String id) {
        return new EventWrite("billing", eventId, time, time.plusSeconds(1), List.of(
                new EventWrite.TableChange(table, List.of(), List.of(Map.of("id", id)))));
    }

    /**
     * Rows of the table as {@code id|name|_data_source|deleted}, read through a connection of the destination (which
     * holds the file, so a second process could not open it).
     */
    private List<String> rows(String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (var connection = ((DuckDbDestination) destination).connect();
                var statement = connection.createStatement()) {
            try (var exists = statement.executeQuery("SELECT 1 FROM information_schema.tables WHERE table_name = '"
                    + table + "'")) {
                if (!exists.next()) {
                    return rows;
                }
            }
            try (var result = statement.executeQuery("SELECT id, _record->>'name', _data_source,"
                    + " _deleted_at IS NOT NULL FROM " + table + " ORDER BY id")) {
                while (result.next()) {
                    rows.add(result.getString(1) + "|" + result.getString(2) + "|" + result.getString(3) + "|"
                            + result.getBoolean(4));
                }
            }
        }
        return rows;
    }

    private String name(String id) throws Exception {
        return rows("billing_customers").stream().filter(row -> row.startsWith(id + "|")).findFirst()
                .map(row -> row.split("\\|")[1]).orElse("<none>");
    }

    private boolean deleted(String id) throws Exception {
        return rows("billing_customers").stream().filter(row -> row.startsWith(id + "|")).findFirst()
                .map(row -> row.endsWith("|true")).orElseThrow();
    }

    @Test
    void appliesAnEventToANewTypedTable() throws Exception {
        EventApplied applied = destination.applyEvent(upsert("evt_1", T1, CUSTOMERS, "cus_1", "Ada"));
        assertThat(applied).isEqualTo(new EventApplied(false, 1, 0, 0));
        assertThat(rows("billing_customers")).containsExactly("cus_1|Ada|billing|false");
        assertThat(destination.readLayout(CUSTOMERS)).as("the table an event creates is a typed one a sync extends")
                .isPresent();
    }

    @Test
    void aDuplicateEventIdChangesNothing() throws Exception {
        destination.applyEvent(upsert("evt_1", T1, CUSTOMERS, "cus_1", "Ada"));
        EventApplied again = destination.applyEvent(upsert("evt_1", T2, CUSTOMERS, "cus_1", "Changed"));
        assertThat(again.duplicate()).isTrue();
        assertThat(name("cus_1")).isEqualTo("Ada");
    }

    @Test
    void anOlderEventNeverOverwritesANewerOne() throws Exception {
        destination.applyEvent(upsert("evt_2", T2, CUSTOMERS, "cus_1", "Newer"));
        EventApplied older = destination.applyEvent(upsert("evt_1", T1, CUSTOMERS, "cus_1", "Older"));
        assertThat(older).isEqualTo(new EventApplied(false, 0, 0, 1));
        assertThat(name("cus_1")).isEqualTo("Newer");
        destination.applyEvent(upsert("evt_3", T3, CUSTOMERS, "cus_1", "Newest"));
        assertThat(name("cus_1")).isEqualTo("Newest");
    }

    @Test
    void aDeletedRowIsNeverRevived() throws Exception {
        destination.applyEvent(upsert("evt_1", T1, CUSTOMERS, "cus_1", "Ada"));
        assertThat(destination.applyEvent(deletion("evt_2", T2, CUSTOMERS, "cus_1")))
                .isEqualTo(new EventApplied(false, 0, 1, 0));
        assertThat(deleted("cus_1")).isTrue();
        assertThat(destination.applyEvent(upsert("evt_3", T3, CUSTOMERS, "cus_1", "Ghost")).skipped()).isEqualTo(1);
        assertThat(destination.applyEvent(deletion("evt_4", T3, CUSTOMERS, "cus_1")).skipped()).isEqualTo(1);
        assertThat(deleted("cus_1")).isTrue();
        assertThat(name("cus_1")).isEqualTo("Ada");
    }

    @Test
    void aRowDeletedByASyncIsNotRevivedByAnEvent() throws Exception {
        SyncState started = SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty());
        try (EntityWriter writer = destination.openWriter(CUSTOMERS, started)) {
            writer.write(new WriteBatch(List.of(Map.of("id", "cus_1", "name", "Ada")), List.of(Map.of("id", "cus_1")),
                    started.advancedTo("p1", Optional.empty()), T1));
        }
        assertThat(destination.applyEvent(upsert("evt_1", T2, CUSTOMERS, "cus_1", "Ghost")).skipped()).isEqualTo(1);
        assertThat(deleted("cus_1")).isTrue();
    }

    @Test
    void aCompleteListingMarksTheRowsItDidNotWriteDeleted() throws Exception {
        SyncState state = SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty());
        try (EntityWriter writer = destination.openWriter(CUSTOMERS, state)) {
            writer.write(new WriteBatch(List.of(Map.of("id", "gone", "name", "G"), Map.of("id", "kept", "name", "K")),
                    List.of(), state.advancedTo("p1", Optional.empty()), T1));
            destination.applyEvent(upsert("evt_1", T2, CUSTOMERS, "webhook", "W"));
            assertThat(writer.writeEndingListing(new WriteBatch(List.of(Map.of("id", "kept", "name", "K2")),
                    List.of(), state.advancedTo("p2", Optional.empty()), T3), T2.plusMillis(500)))
                    .hasValue(1);
        }
        assertThat(deleted("gone")).isTrue();
        assertThat(deleted("kept")).isFalse();
        assertThat(deleted("webhook")).isFalse();
        assertThat(destination.readState(CUSTOMERS)).map(SyncState::position).contains(Optional.of("p2"));
    }

    @Test
    void anEventLeavesTheSyncStateAsItWas() {
        destination.applyEvent(upsert("evt_1", T1, CUSTOMERS, "cus_1", "Ada"));
        assertThat(destination.readState(CUSTOMERS)).isEmpty();
    }

    @Test
    void aFailingEventCommitsNothingAndCanBeRedelivered() throws Exception {
        EventWrite broken = new EventWrite("billing", "evt_1", T1, T1, List.of(
                new EventWrite.TableChange(CUSTOMERS, List.of(Map.of("id", "cus_1", "name", "Ada")), List.of()),
                new EventWrite.TableChange(INVOICES, List.of(Map.of("number", "no id")), List.of())));
        assertThatThrownBy(() -> destination.applyEvent(broken)).isInstanceOf(DestinationException.class)
                .hasMessageContaining("evt_1").hasMessageContaining("primary-key field 'id'");
        assertThat(rows("billing_customers")).isEmpty();
        assertThat(destination.applyEvent(upsert("evt_1", T1, CUSTOMERS, "cus_1", "Ada")).duplicate()).isFalse();
        assertThat(name("cus_1")).isEqualTo("Ada");
    }

    @Test
    void anEventKeepsTheTypedColumnsOfASyncedRowAndTheNextSyncRefreshesThem() throws Exception {
        try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
            run.write(List.of(TypedRun.row("id", "cus_1", "name", "Ada")), T1);
            destination.applyEvent(upsert("evt_1", T2, CUSTOMERS, "cus_1", "Ada L."));
            assertThat(query("SELECT name, _record->>'name' FROM billing_customers"))
                    .containsExactly("Ada|Ada L.");
            run.write(List.of(TypedRun.row("id", "cus_1", "name", "Ada L.")), T3);
        }
        assertThat(query("SELECT name, _record->>'name' FROM billing_customers")).containsExactly("Ada L.|Ada L.");
    }

    private List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (var connection = ((DuckDbDestination) destination).connect();
                var statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1) + "|" + result.getString(2));
            }
        }
        return rows;
    }

    @Test
    void fiftyConcurrentDeliveriesOfOneEventApplyItOnce() throws Exception {
        List<EventApplied> results = concurrently(50, i -> upsert("evt_1", T1, CUSTOMERS, "cus_1", "Ada"));
        assertThat(results.stream().filter(r -> !r.duplicate()).toList())
                .containsExactly(new EventApplied(false, 1, 0, 0));
        assertThat(rows("billing_customers")).hasSize(1);
    }

    @Test
    void concurrentEventsForOneRowLeaveTheNewest() throws Exception {
        List<EventApplied> results = concurrently(20,
                i -> upsert("evt_" + i, T1.plusSeconds(i), CUSTOMERS, "cus_1", "v" + i));
        assertThat(results).noneMatch(EventApplied::duplicate);
        assertThat(name("cus_1")).isEqualTo("v19");
    }

    @Test
    void eventsThroughAnotherInstanceOnTheSameFileTakeTurnsWithASyncsBatches() throws Exception {
        // The API server keeps one destination open for webhooks while each sync opens its own on the same file.
        Destination webhooks = new DuckDbDestinationProvider().open("jdbc:duckdb:" + file(), name -> null);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<?> events = thread.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    webhooks.applyEvent(upsert("evt_" + i, T1.plusSeconds(i), CUSTOMERS, "cus_" + (i % 4),
                            "event " + i));
                }
                return null;
            });
            try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
                for (int i = 0; i < 40; i++) {
                    run.write(List.of(TypedRun.row("id", "cus_" + (i % 4), "name", "sync " + i),
                            TypedRun.row("id", "sync_" + i, "name", "sync " + i)), T1);
                }
            }
            events.get(60, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
            webhooks.close();
        }
        assertThat(rows("billing_customers")).hasSize(44);
    }

    private List<EventApplied> concurrently(int count, IntFunction<EventWrite> events) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<EventApplied>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                EventWrite event = events.apply(i);
                Callable<EventApplied> task = () -> {
                    start.await();
                    return destination.applyEvent(event);
                };
                futures.add(threads.submit(task));
            }
            start.countDown();
            List<EventApplied> results = new ArrayList<>();
            for (Future<EventApplied> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}

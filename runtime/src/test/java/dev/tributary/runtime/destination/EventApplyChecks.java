package dev.tributary.runtime.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.EventApplied;
import dev.tributary.spi.destination.EventWrite;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

/**
 * What {@link JdbcDestination#applyEvent} guarantees, on each dialect: one transaction per event, each event id once,
 * never older over newer, never reviving a deleted row, concurrent deliveries serialised, the sync state untouched.
 */
abstract class EventApplyChecks {

    static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant T2 = T1.plusSeconds(60);
    static final Instant T3 = T2.plusSeconds(60);
    static final EntityTable CUSTOMERS = new EntityTable("billing", "customers", List.of("id"), "billing");
    static final EntityTable INVOICES = new EntityTable("billing", "invoices", List.of("id"), "billing");

    private JdbcDestination destination;

    /** The URL of a fresh, empty destination. */
    abstract String url();

    /** A plain connection to it, to read the tables as a person would. */
    abstract Connection connect() throws Exception;

    abstract Optional<String> schema();

    @BeforeEach
    void open() {
        destination = JdbcDestination.open(DestinationUrl.parse(url(), Optional.empty(), name -> null),
                Clock.fixed(T3, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        destination.close();
    }

    static EventWrite upsert(String eventId, Instant time, EntityTable table, String id, String name) {
        return new EventWrite("billing", eventId, time, time.plusSeconds(1), List.of(
                new EventWrite.TableChange(table, List.of(Map.of("id", id, "name", name)), List.of())));
    }

    static EventWrite deletion(String eventId, Instant time, EntityTable table, String id) {
        return new EventWrite("billing", eventId, time, time.plusSeconds(1), List.of(
                new EventWrite.TableChange(table, List.of(), List.of(Map.of("id", id)))));
    }

    List<Map<String, Object>> rows(EntityTable table) throws Exception {
        try (Connection connection = connect()) {
            return JdbcRows.read(connection, schema(), table);
        }
    }

    String name(EntityTable table, String id) throws Exception {
        return rows(table).stream().filter(row -> id.equals(row.get("id"))).map(row -> (String) row.get("_record"))
                .findFirst().map(json -> json.replaceAll(".*\"name\": ?\"([^\"]*)\".*", "$1")).orElse("<none>");
    }

    boolean deleted(EntityTable table, String id) throws Exception {
        return rows(table).stream().filter(row -> id.equals(row.get("id"))).findFirst().orElseThrow()
                .get("_deleted_at") != null;
    }

    @Test
    void appliesAnEventToANewTable() throws Exception {
        EventApplied applied = destination.applyEvent(upsert("evt_1", T1, CUSTOMERS, "cus_1", "Ada"));
        assertThat(applied).isEqualTo(new EventApplied(false, 1, 0, 0));
        assertThat(rows(CUSTOMERS)).singleElement().satisfies(row -> {
            assertThat(row.get("id")).isEqualTo("cus_1");
            assertThat(row.get("_data_source")).isEqualTo("billing");
            assertThat(row.get("_deleted_at")).isNull();
        });
        assertThat(name(CUSTOMERS, "cus_1")).isEqualTo("Ada");
    }

    @Test
    void aDuplicateEventIdChangesNothing() throws Exception {
        destination.applyEvent(upsert("evt_1", T1, CUSTOMERS, "cus_1", "Ada"));
        EventApplied again = destination.applyEvent(upsert("evt_1", T2, CUSTOMERS, "cus_1", "Changed"));
        assertThat(again.duplicate()).isTrue();
        assertThat(name(CUSTOMERS, "cus_1")).isEqualTo("Ada");
    }

    @Test
    void anOlderEventNeverOverwritesANewerOne() throws Exception {
        destination.applyEvent(upsert("evt_2", T2, CUSTOMERS, "cus_1", "Newer"));
        EventApplied older = destination.applyEvent(upsert("evt_1", T1, CUSTOMERS, "cus_1", "Older"));
        assertThat(older).isEqualTo(new EventApplied(false, 0, 0, 1));
        assertThat(name(CUSTOMERS, "cus_1")).isEqualTo("Newer");
        destination.applyEvent(upsert("evt_3", T3, CUSTOMERS, "cus_1", "Newest"));
        assertThat(name(CUSTOMERS, "cus_1")).isEqualTo("Newest");
    }

    @Test
    void aDeletedRowIsNeverRevived() throws Exception {
        destination.applyEvent(upsert("evt_1", T1, CUSTOMERS, "cus_1", "Ada"));
        assertThat(destination.applyEvent(deletion("evt_2", T2, CUSTOMERS, "cus_1")))
                .isEqualTo(new EventApplied(false, 0, 1, 0));
        assertThat(deleted(CUSTOMERS, "cus_1")).isTrue();
        assertThat(destination.applyEvent(upsert("evt_3", T3, CUSTOMERS, "cus_1", "Ghost")).skipped()).isEqualTo(1);
        assertThat(destination.applyEvent(deletion("evt_4", T3, CUSTOMERS, "cus_1")).skipped()).isEqualTo(1);
        assertThat(deleted(CUSTOMERS, "cus_1")).isTrue();
        assertThat(name(CUSTOMERS, "cus_1")).isEqualTo("Ada");
    }

    @Test
    void aRowDeletedByASyncIsNotRevivedByAnEvent() throws Exception {
        try (EntityWriter writer = destination.openWriter(CUSTOMERS, SyncState.started(SyncMode.INCREMENTAL,
                Optional.empty(), Optional.empty()))) {
            SyncState state = SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty())
                    .advancedTo("p1", Optional.empty());
            writer.write(new WriteBatch(List.of(Map.of("id", "cus_1", "name", "Ada")), List.of(Map.of("id", "cus_1")),
                    state, T1));
        }
        assertThat(destination.applyEvent(upsert("evt_1", T2, CUSTOMERS, "cus_1", "Ghost")).skipped()).isEqualTo(1);
        assertThat(deleted(CUSTOMERS, "cus_1")).isTrue();
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
        assertThat(deleted(CUSTOMERS, "gone")).isTrue();
        assertThat(deleted(CUSTOMERS, "kept")).isFalse();
        assertThat(deleted(CUSTOMERS, "webhook")).isFalse();
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
        assertThat(rows(CUSTOMERS)).isEmpty();
        assertThat(destination.applyEvent(upsert("evt_1", T1, CUSTOMERS, "cus_1", "Ada")).duplicate()).isFalse();
        assertThat(name(CUSTOMERS, "cus_1")).isEqualTo("Ada");
    }

    @Test
    void fiftyConcurrentDeliveriesOfOneEventApplyItOnce() throws Exception {
        List<EventApplied> results = concurrently(50, i -> upsert("evt_1", T1, CUSTOMERS, "cus_1", "Ada"));
        assertThat(results.stream().filter(r -> !r.duplicate()).toList())
                .containsExactly(new EventApplied(false, 1, 0, 0));
        assertThat(rows(CUSTOMERS)).hasSize(1);
    }

    @Test
    void concurrentEventsForOneRowLeaveTheNewest() throws Exception {
        List<EventApplied> results = concurrently(20,
                i -> upsert("evt_" + i, T1.plusSeconds(i), CUSTOMERS, "cus_1", "v" + i));
        assertThat(results).noneMatch(EventApplied::duplicate);
        assertThat(name(CUSTOMERS, "cus_1")).isEqualTo("v19");
    }

    private List<EventApplied> concurrently(int count, IntFunction<EventWrite> events)
            throws Exception {
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

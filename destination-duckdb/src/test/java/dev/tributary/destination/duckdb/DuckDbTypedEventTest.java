package dev.tributary.destination.duckdb;

import static dev.tributary.destination.duckdb.TypedRun.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EventApplied;
import dev.tributary.spi.destination.EventWrite;
import dev.tributary.spi.destination.SchemaChange;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.TableLayout;
import dev.tributary.spi.destination.TypedWrite;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook events with their typed part ({@link EventWrite.TableChange#typed()}) in a real DuckDB file, after a typed
 * sync: the kept records' typed columns and child rows, a new field's column and history row, a change the table
 * already has, a column of another type, and records left out (older, deleted) that change nothing typed. The typed
 * parts are built as the runtime builds them: from {@code readLayout} just before, plus the event's changes.
 */
class DuckDbTypedEventTest {

    private static final EntityTable CUSTOMERS = new EntityTable("shop", "customers", List.of("id"), "shop");
    private static final String ITEMS = "shop_customers__items";
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T2.plusSeconds(60);

    @TempDir
    Path temp;

    private Destination destination;

    @BeforeEach
    void open() {
        destination = new DuckDbDestinationProvider().open("jdbc:duckdb:" + temp.resolve("warehouse.duckdb"),
                name -> null);
    }

    @AfterEach
    void close() {
        destination.close();
    }

    /** Syncs cus_1 (two items) and cus_2 (one item) with columns email, balance and child table items(sku). */
    private void sync() {
        try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
            run.write(List.of(row("id", "cus_1", "email", "a@example.com", "balance", 10L),
                    row("id", "cus_2", "email", "b@example.com", "balance", 20L)),
                    Map.of("items", List.of(item("cus_1", 0, "A"), item("cus_1", 1, "B"), item("cus_2", 0, "C"))),
                    List.of(), T1, true);
        }
    }

    private static Map<String, Object> item(String parent, long position, String sku) {
        return row("_parent_id", parent, "_position", position, "sku", sku);
    }

    /** The typed event the runtime would send: one customer row, its items, and the schema changes given. */
    private EventWrite typedEvent(String eventId, Instant time, Map<String, Object> customer,
            List<Map<String, Object>> items, List<SchemaChange> changes) {
        EntityLayout layout = destination.readLayout(CUSTOMERS).orElseThrow();
        for (SchemaChange change : changes) {
            TableLayout entity = layout.table();
            Column column = change.column().orElseThrow();
            layout = new EntityLayout(entity.column(column.name()).isPresent() ? entity.withReplacedColumn(column)
                    : entity.withColumn(column), layout.children());
        }
        Map<String, Object> record = new LinkedHashMap<>(customer);
        Map<String, Object> typedRow = new LinkedHashMap<>(customer);
        typedRow.put("_record", "{\"id\":\"" + customer.get("id") + "\",\"event\":\"" + eventId + "\"}");
        TypedWrite typed = new TypedWrite(layout, changes, List.of(typedRow),
                items.isEmpty() ? Map.of() : Map.of(ITEMS, items), "webhook-run");
        return new EventWrite("shop", eventId, time, time.plusSeconds(1), List.of(
                new EventWrite.TableChange(CUSTOMERS, List.of(record), List.of(), Optional.of(typed))));
    }

    private static SchemaChange addColumn(String name, ColumnType type) {
        return new SchemaChange(SchemaChange.Kind.ADD_COLUMN, "shop_customers",
                Optional.of(new Column(name, type, name, "")), Optional.empty(), "new field " + name);
    }

    private List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (var connection = ((DuckDbDestination) destination).connect();
                var statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    private List<String> customers() throws Exception {
        return query("SELECT id, email, balance, _record->>'event', _deleted_at IS NOT NULL FROM shop_customers"
                + " ORDER BY id");
    }

    private List<String> items() throws Exception {
        return query("SELECT _parent_id, _position, sku FROM " + ITEMS + " ORDER BY _parent_id, _position");
    }

    private List<String> history() throws Exception {
        return query("SELECT \"table\", \"column\", \"type\", \"change\", \"run\" FROM _tributary_schema ORDER BY id");
    }

    @Test
    void anEventUpdatesTheTypedColumnsAndReplacesTheChildRowsOfItsRow() throws Exception {
        sync();
        EventApplied applied = destination.applyEvent(typedEvent("evt_1", T2,
                row("id", "cus_1", "email", "new@example.com", "balance", 11L), List.of(item("cus_1", 0, "Z")),
                List.of()));
        assertThat(applied).isEqualTo(new EventApplied(false, 1, 0, 0));
        assertThat(customers()).containsExactly("cus_1|new@example.com|11|evt_1|false",
                "cus_2|b@example.com|20|null|false");
        assertThat(items()).containsExactly("cus_1|0|Z", "cus_2|0|C");
        assertThat(query("SELECT _synced_at = TIMESTAMPTZ '2026-03-01 10:01:01+00' FROM " + ITEMS
                + " WHERE _parent_id = 'cus_1'")).containsExactly("true");
    }

    @Test
    void aNewFieldAddsAColumnAndItsHistoryRowInTheEventsTransaction() throws Exception {
        sync();
        List<String> before = history();
        destination.applyEvent(typedEvent("evt_1", T2, row("id", "cus_2", "email", "b@example.com", "balance", 20L,
                "phone", "+33"), List.of(item("cus_2", 0, "C")), List.of(addColumn("phone", ColumnType.STRING))));
        assertThat(query("SELECT id, phone FROM shop_customers ORDER BY id")).containsExactly("cus_1|null",
                "cus_2|+33");
        assertThat(history()).hasSize(before.size() + 1)
                .endsWith("shop_customers|phone|STRING|ADD_COLUMN|webhook-run");
        assertThat(destination.readLayout(CUSTOMERS).orElseThrow().table().columns()).extracting(Column::name)
                .containsExactly("email", "balance", "phone");
    }

    @Test
    void aChangeTheTableAlreadyHasIsSkipped() throws Exception {
        sync();
        // Both typed from the layout read before either is applied, as two concurrent deliveries are.
        EventWrite first = typedEvent("evt_1", T2, row("id", "cus_1", "phone", "+44"), List.of(),
                List.of(addColumn("phone", ColumnType.STRING)));
        EventWrite second = typedEvent("evt_2", T2, row("id", "cus_2", "phone", "+33"), List.of(),
                List.of(addColumn("phone", ColumnType.STRING)));
        destination.applyEvent(first);
        List<String> before = history();
        EventApplied applied = destination.applyEvent(second);
        assertThat(applied.upserted()).isEqualTo(1);
        assertThat(history()).isEqualTo(before);
        assertThat(query("SELECT id, phone FROM shop_customers ORDER BY id")).containsExactly("cus_1|+44",
                "cus_2|+33");
    }

    @Test
    void aColumnOfAnotherTypeFailsTheEventAndCommitsNothing() throws Exception {
        sync();
        destination.applyEvent(typedEvent("evt_1", T2, row("id", "cus_1", "phone", "+44"), List.of(),
                List.of(addColumn("phone", ColumnType.STRING))));
        List<String> before = history();
        List<String> rows = customers();
        assertThat(items()).as("evt_1 replaced cus_1's items with none").containsExactly("cus_2|0|C");
        assertThatThrownBy(() -> destination.applyEvent(typedEvent("evt_2", T3, row("id", "cus_2", "phone", 33L),
                List.of(), List.of(addColumn("phone", ColumnType.INTEGER)))))
                .isInstanceOf(DestinationException.class).hasMessageContaining("evt_2")
                .hasMessageContaining("column phone as STRING").hasMessageContaining("run the sync again");
        assertThat(history()).isEqualTo(before);
        assertThat(customers()).isEqualTo(rows);
        assertThat(items()).containsExactly("cus_2|0|C");
    }

    @Test
    void anOlderEventChangesNothingTypedNotEvenTheSchema() throws Exception {
        sync();
        destination.applyEvent(typedEvent("evt_2", T2, row("id", "cus_1", "email", "newer@example.com",
                "balance", 12L), List.of(item("cus_1", 0, "N")), List.of()));
        List<String> before = history();
        List<String> rows = customers();
        EventApplied older = destination.applyEvent(typedEvent("evt_1", T1, row("id", "cus_1", "email",
                "older@example.com", "balance", 1L, "phone", "+1"), List.of(item("cus_1", 0, "O")),
                List.of(addColumn("phone", ColumnType.STRING))));
        assertThat(older).isEqualTo(new EventApplied(false, 0, 0, 1));
        assertThat(customers()).isEqualTo(rows).first().asString().startsWith("cus_1|newer@example.com|12|evt_2");
        assertThat(items()).containsExactly("cus_1|0|N", "cus_2|0|C");
        assertThat(history()).isEqualTo(before);
        assertThat(query("SELECT column_name FROM information_schema.columns WHERE table_name = 'shop_customers'"
                + " AND column_name = 'phone'")).isEmpty();
    }

    @Test
    void aDeletionMarksTheRowAndKeepsItsChildRowsAndALaterTypedEventChangesNothing() throws Exception {
        sync();
        EventApplied deleted = destination.applyEvent(new EventWrite("shop", "evt_1", T2, T2, List.of(
                new EventWrite.TableChange(CUSTOMERS, List.of(), List.of(Map.of("id", "cus_1")),
                        Optional.of(new TypedWrite(destination.readLayout(CUSTOMERS).orElseThrow(), List.of(),
                                List.of(), Map.of(), "webhook-run"))))));
        assertThat(deleted).isEqualTo(new EventApplied(false, 0, 1, 0));
        EventApplied ghost = destination.applyEvent(typedEvent("evt_2", T3, row("id", "cus_1", "email",
                "ghost@example.com"), List.of(item("cus_1", 0, "G")), List.of()));
        assertThat(ghost.skipped()).isEqualTo(1);
        assertThat(customers()).first().isEqualTo("cus_1|a@example.com|10|null|true");
        assertThat(items()).containsExactly("cus_1|0|A", "cus_1|1|B", "cus_2|0|C");
    }

    @Test
    void anEventOfTwoRecordsWritesOnlyTheKeptOnesTypedPartAndChildRows() throws Exception {
        sync();
        destination.applyEvent(typedEvent("evt_2", T3, row("id", "cus_2", "email", "later@example.com"),
                List.of(item("cus_2", 0, "L")), List.of()));
        EntityLayout layout = destination.readLayout(CUSTOMERS).orElseThrow();
        List<Map<String, Object>> records = List.of(row("id", "cus_1", "email", "c1@example.com"),
                row("id", "cus_2", "email", "c2@example.com"));
        TypedWrite typed = new TypedWrite(layout, List.of(), records, Map.of(ITEMS, List.of(item("cus_1", 0, "X"),
                item("cus_2", 0, "Y"))), "webhook-run");
        EventApplied applied = destination.applyEvent(new EventWrite("shop", "evt_1", T2, T2, List.of(
                new EventWrite.TableChange(CUSTOMERS, records, List.of(), Optional.of(typed)))));
        assertThat(applied).isEqualTo(new EventApplied(false, 1, 0, 1));
        assertThat(query("SELECT id, email FROM shop_customers ORDER BY id")).containsExactly("cus_1|c1@example.com",
                "cus_2|later@example.com");
        assertThat(items()).containsExactly("cus_1|0|X", "cus_2|0|L");
    }

    @Test
    void theFirstEventOfAnEntityCreatesItsTypedTablesWithChildTable() throws Exception {
        TableLayout items = new TableLayout(ITEMS, List.of(new Column("_parent_id", ColumnType.STRING, "id", ""),
                new Column("_position", ColumnType.INTEGER, "items", "")), List.of(new Column("sku",
                ColumnType.STRING, "items.sku", "")), Optional.of("shop_customers"));
        Column email = new Column("email", ColumnType.STRING, "email", "");
        EntityLayout layout = new EntityLayout(EntityLayout.keysOnly("shop_customers",
                List.of(new Column("id", ColumnType.STRING, "id", ""))).table().withColumn(email), List.of(items));
        List<SchemaChange> changes = List.of(addColumn("email", ColumnType.STRING),
                new SchemaChange(SchemaChange.Kind.CREATE_TABLE, ITEMS, Optional.empty(), Optional.empty(),
                        "new array of objects items"),
                new SchemaChange(SchemaChange.Kind.ADD_COLUMN, ITEMS, Optional.of(items.columns().get(0)),
                        Optional.empty(), "new field items.sku"));
        Map<String, Object> record = row("id", "cus_9", "email", "first@example.com");
        TypedWrite typed = new TypedWrite(layout, changes, List.of(record), Map.of(ITEMS, List.of(item("cus_9", 0,
                "F"))), "webhook-run");
        destination.applyEvent(new EventWrite("shop", "evt_1", T1, T1, List.of(
                new EventWrite.TableChange(CUSTOMERS, List.of(record), List.of(), Optional.of(typed)))));
        assertThat(query("SELECT id, email FROM shop_customers")).containsExactly("cus_9|first@example.com");
        assertThat(items()).containsExactly("cus_9|0|F");
        assertThat(destination.readLayout(CUSTOMERS)).contains(layout);
    }

    @Test
    void aColumnAnEventAddsDuringASyncDoesNotFailTheSyncNorRepeatInTheHistory() throws Exception {
        try (TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
            run.write(List.of(row("id", "cus_1", "email", "a@example.com")), T1);
            destination.applyEvent(typedEvent("evt_1", T2, row("id", "cus_9", "phone", "+44"), List.of(),
                    List.of(addColumn("phone", ColumnType.STRING))));
            // The sync's typer has not seen the event's column: it sends the same addition again.
            run.write(List.of(row("id", "cus_2", "email", "b@example.com", "phone", "+33")), T3);
        }
        assertThat(query("SELECT id, phone FROM shop_customers ORDER BY id")).containsExactly("cus_1|null",
                "cus_2|+33", "cus_9|+44");
        assertThat(history()).filteredOn(entry -> entry.contains("|phone|"))
                .containsExactly("shop_customers|phone|STRING|ADD_COLUMN|webhook-run");
    }

    @Test
    void aChangeWithoutTypedPartWritesTheRecordAndLeavesTheTypedColumns() throws Exception {
        sync();
        destination.applyEvent(new EventWrite("shop", "evt_1", T2, T2, List.of(new EventWrite.TableChange(CUSTOMERS,
                List.of(Map.of("id", "cus_1", "email", "json@example.com", "event", "evt_1")), List.of()))));
        assertThat(query("SELECT email, _record->>'email' FROM shop_customers WHERE id = 'cus_1'"))
                .containsExactly("a@example.com|json@example.com");
        assertThat(items()).containsExactly("cus_1|0|A", "cus_1|1|B", "cus_2|0|C");
    }
}

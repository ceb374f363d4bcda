package dev.tributary.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.destination.DestinationUrl;
import dev.tributary.runtime.destination.JdbcDestination;
import dev.tributary.runtime.typing.EntityTyper;
import dev.tributary.runtime.typing.SchemaContractException;
import dev.tributary.runtime.typing.TypingSettings;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.config.SchemaContract;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.EventApplied;
import dev.tributary.spi.destination.EventWrite;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook events into typed tables on a real database, typed by {@link EventTyping} as {@link SourceWebhooks} types
 * them: after a sync made the table typed, an event updates the typed columns and replaces the child rows; a new
 * field adds a column recorded in {@code _tributary_schema}; an older event changes nothing typed; a deletion marks
 * the row and keeps its child rows as a sync's deletion does; a column an event adds while a sync runs does not fail
 * the sync; {@code freeze} refuses a new field.
 */
abstract class TypedEventChecks {

    static final Instant T1 = Instant.parse("2026-12-07T09:00:00Z");
    static final Instant T2 = T1.plusSeconds(60);
    static final Instant T3 = T2.plusSeconds(60);
    static final EntityTable SUBSCRIPTIONS = new EntityTable("stripe", "subscriptions", List.of("id"), "stripe");
    static final Map<String, EntityDescriptor> ENTITIES = Map.of("subscriptions",
            new EntityDescriptor("subscriptions", List.of("id"), Optional.empty(), "Subscriptions"));

    private JdbcDestination destination;

    /** The URL of a fresh, empty destination. */
    abstract String url();

    /** A connection to the destination's database, in its schema. */
    abstract Connection connection() throws SQLException;

    /** The qualified name of a table. */
    abstract String table(String name);

    @BeforeEach
    void open() {
        destination = JdbcDestination.open(DestinationUrl.parse(url(), Optional.empty(), name -> null),
                Clock.fixed(T3, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        destination.close();
    }

    private static Map<String, Object> subscription(String id, Object... fields) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        for (int i = 0; i < fields.length; i += 2) {
            record.put((String) fields[i], fields[i + 1]);
        }
        return record;
    }

    private static List<Map<String, Object>> items(Object... idAndQuantity) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < idAndQuantity.length; i += 2) {
            items.add(Map.of("id", idAndQuantity[i], "quantity", idAndQuantity[i + 1]));
        }
        return items;
    }

    /** A sync run as the engine writes it: a typer started from the writer's layout. */
    private final class Sync implements AutoCloseable {
        final EntityWriter writer;
        final EntityTyper typer;

        Sync() {
            writer = destination.openWriter(SUBSCRIPTIONS, SyncState.started(SyncMode.INCREMENTAL, Optional.empty(),
                    Optional.empty()));
            typer = new EntityTyper("subscriptions", List.of("id"), Optional.empty(), writer.layout().orElseThrow(),
                    TypingSettings.defaults(63));
        }

        void write(List<Map<String, Object>> records, List<Map<String, Object>> deleted) {
            SyncState state = new SyncState(SyncMode.INCREMENTAL, false, Optional.of("page"), Optional.empty(),
                    Optional.empty());
            writer.write(new WriteBatch(records, deleted, state, T1, Optional.of(typer.type(records, "sync-1"))));
        }

        @Override
        public void close() {
            writer.close();
        }
    }

    @SafeVarargs
    private void synced(Map<String, Object>... records) {
        try (Sync sync = new Sync()) {
            sync.write(List.of(records), List.of());
        }
    }

    private EventApplied event(Settings settings, String id, Instant time, List<Map<String, Object>> records,
            List<Map<String, Object>> deleted) {
        EventWrite event = new EventWrite("stripe", id, time, time.plusSeconds(1), List.of(
                new EventWrite.TableChange(SUBSCRIPTIONS, records, deleted)));
        return destination.applyEvent(new EventTyping(settings).typed(destination, event, ENTITIES));
    }

    private EventApplied upsert(String id, Instant time, Map<String, Object> record) {
        return event(Settings.DEFAULTS, id, time, List.of(record), List.of());
    }

    private List<List<Object>> query(String sql) throws SQLException {
        try (Connection connection = connection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<List<Object>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    private List<List<Object>> items() throws SQLException {
        return query("SELECT _parent_id, _position, id, quantity FROM " + table("stripe_subscriptions__items")
                + " ORDER BY _parent_id, _position");
    }

    private List<List<Object>> history(String column) throws SQLException {
        return query("SELECT \"table\", \"column\", \"type\", \"change\", \"run\" FROM " + table("_tributary_schema")
                + " WHERE \"column\" = '" + column + "'");
    }

    @Test
    void anEventAfterASyncUpdatesTheTypedColumnsAndReplacesTheChildRows() throws Exception {
        synced(subscription("sub_1", "status", "active", "quantity", 2L, "items", items("si_1", 1L, "si_2", 1L)),
                subscription("sub_2", "status", "active", "quantity", 1L, "items", items("si_9", 1L)));

        EventApplied applied = upsert("evt_1", T2, subscription("sub_1", "status", "past_due", "quantity", 5L,
                "items", items("si_3", 5L)));

        assertThat(applied).isEqualTo(new EventApplied(false, 1, 0, 0));
        assertThat(query("SELECT id, status, quantity FROM " + table("stripe_subscriptions") + " ORDER BY id"))
                .containsExactly(List.of("sub_1", "past_due", "5"), List.of("sub_2", "active", "1"));
        assertThat(items()).containsExactly(List.of("sub_1", "0", "si_3", "5"), List.of("sub_2", "0", "si_9", "1"));
        assertThat(query("SELECT _record FROM " + table("stripe_subscriptions") + " WHERE id = 'sub_1'").get(0)
                .get(0).toString()).contains("past_due");
    }

    @Test
    void anEventWithANewFieldAddsItsColumnInTheHistory() throws Exception {
        synced(subscription("sub_1", "status", "active"));

        upsert("evt_1", T2, subscription("sub_1", "status", "active", "cancel_at", "2027-01-01",
                "plan", Map.of("nickname", "gold")));

        assertThat(query("SELECT id, status, cancel_at, plan__nickname FROM " + table("stripe_subscriptions")))
                .containsExactly(List.of("sub_1", "active", "2027-01-01", "gold"));
        assertThat(history("plan__nickname"))
                .containsExactly(List.of("stripe_subscriptions", "plan__nickname", "STRING", "ADD_COLUMN",
                        "webhook evt_1"));
        assertThat(destination.readLayout(SUBSCRIPTIONS).orElseThrow().table().columns())
                .extracting(c -> c.name()).containsExactly("status", "cancel_at", "plan__nickname");
    }

    @Test
    void anOlderEventChangesNothingTypedNotEvenTheSchema() throws Exception {
        synced(subscription("sub_1", "status", "active", "items", items("si_1", 1L)));
        upsert("evt_2", T2, subscription("sub_1", "status", "past_due", "items", items("si_2", 2L)));

        EventApplied older = upsert("evt_1", T1, subscription("sub_1", "status", "trialing", "nickname", "old",
                "items", items("si_0", 9L, "si_00", 9L)));

        assertThat(older).isEqualTo(new EventApplied(false, 0, 0, 1));
        assertThat(query("SELECT id, status FROM " + table("stripe_subscriptions")))
                .containsExactly(List.of("sub_1", "past_due"));
        assertThat(items()).containsExactly(List.of("sub_1", "0", "si_2", "2"));
        assertThat(history("nickname")).isEmpty();
    }

    @Test
    void aDeletionMarksTheRowAndKeepsItsChildRowsAsASyncDoes() throws Exception {
        synced(subscription("sub_1", "status", "active", "items", items("si_1", 1L)));

        EventApplied applied = event(Settings.DEFAULTS, "evt_1", T2, List.of(), List.of(Map.of("id", "sub_1")));

        assertThat(applied).isEqualTo(new EventApplied(false, 0, 1, 0));
        assertThat(query("SELECT id, status, _deleted_at IS NOT NULL FROM " + table("stripe_subscriptions")))
                .singleElement().satisfies(row -> {
                    assertThat(row.subList(0, 2)).containsExactly("sub_1", "active");
                    assertThat(row.get(2)).isIn("1", "t", "true");
                });
        assertThat(items()).containsExactly(List.of("sub_1", "0", "si_1", "1"));
        assertThat(upsert("evt_2", T3, subscription("sub_1", "status", "revived")).skipped()).isEqualTo(1);
        assertThat(query("SELECT status FROM " + table("stripe_subscriptions"))).containsExactly(List.of("active"));
    }

    @Test
    void theFirstEventOfAnEntityCreatesItsTypedTables() throws Exception {
        upsert("evt_1", T1, subscription("sub_1", "status", "active", "items", items("si_1", 3L)));

        assertThat(query("SELECT id, status FROM " + table("stripe_subscriptions")))
                .containsExactly(List.of("sub_1", "active"));
        assertThat(items()).containsExactly(List.of("sub_1", "0", "si_1", "3"));
        assertThat(history("status")).extracting(row -> row.get(4)).containsExactly("webhook evt_1");
    }

    @Test
    void aColumnAnEventAddsWhileASyncRunsDoesNotFailTheSync() throws Exception {
        synced(subscription("sub_1", "status", "active"));
        try (Sync sync = new Sync()) {
            upsert("evt_1", T2, subscription("sub_1", "status", "active", "cancel_at", "2027-01-01"));

            sync.write(List.of(subscription("sub_2", "status", "active", "cancel_at", "2027-02-01")), List.of());
        }
        // A sync writes sub_2 with the column the event added: the sync's own ADD COLUMN is skipped.
        assertThat(query("SELECT id, cancel_at FROM " + table("stripe_subscriptions") + " ORDER BY id"))
                .containsExactly(List.of("sub_1", "2027-01-01"), List.of("sub_2", "2027-02-01"));
        assertThat(history("cancel_at")).extracting(row -> row.get(4)).containsExactly("webhook evt_1");
    }

    @Test
    void anEventTypedBeforeASyncAddedAColumnSetsThatColumnToNull() throws Exception {
        synced(subscription("sub_1", "status", "active"));
        EventWrite event = new EventWrite("stripe", "evt_1", T2, T2, List.of(new EventWrite.TableChange(SUBSCRIPTIONS,
                List.of(subscription("sub_1", "status", "canceled")), List.of())));
        EventWrite typed = new EventTyping(Settings.DEFAULTS).typed(destination, event, ENTITIES);
        synced(subscription("sub_1", "status", "active", "cancel_at", "2027-01-01"));

        destination.applyEvent(typed);

        assertThat(query("SELECT id, status, cancel_at FROM " + table("stripe_subscriptions")))
                .containsExactly(Arrays.asList("sub_1", "canceled", null));
    }

    @Test
    void underFreezeAnEventWithANewFieldIsRefusedAndWritesNothing() throws Exception {
        synced(subscription("sub_1", "status", "active"));
        Settings frozen = Settings.DEFAULTS.withSchemaContract(SchemaContract.FREEZE);

        assertThatThrownBy(() -> event(frozen, "evt_1", T2, List.of(subscription("sub_1", "status", "canceled",
                "cancel_at", "2027-01-01")), List.of())).isInstanceOf(SchemaContractException.class)
                .hasMessageContaining("cancel_at");

        assertThat(query("SELECT id, status FROM " + table("stripe_subscriptions")))
                .containsExactly(List.of("sub_1", "active"));
        assertThat(event(frozen, "evt_2", T2, List.of(subscription("sub_1", "status", "canceled")), List.of())
                .upserted()).isEqualTo(1);
    }
}

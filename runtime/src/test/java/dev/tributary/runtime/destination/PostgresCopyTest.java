package dev.tributary.runtime.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.typing.EntityTyper;
import dev.tributary.runtime.typing.TypingSettings;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL writer's COPY path for typed rows: awkward values arrive exactly (entity rows through the staging
 * table, child rows copied straight in), upserts and child replacement keep their semantics batch after batch and
 * across a schema change, and a batch the server rejects leaves nothing behind.
 */
class PostgresCopyTest {

    private static final EntityTable CUSTOMERS = new EntityTable("stripe", "customers", List.of("id"), "stripe");
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");
    private static final String AWKWARD = "it's \"quoted\"\ttab\nnew line\r\nback\\slash \\N \\t é 漢字 🎉";
    private static final EntitySchema SCHEMA = EntitySchema.of(SchemaField.string("note"),
            SchemaField.integer("balance"), SchemaField.number("rate"), SchemaField.bool("delinquent"),
            SchemaField.timestamp("created", ValueFormat.EPOCH_SECONDS), SchemaField.timestamp("updated"),
            SchemaField.date("birthday"), SchemaField.json("metadata"));
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;
    private String schema;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void newSchema() throws SQLException {
        schema = "copy_" + SCHEMAS.incrementAndGet();
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
    }

    @Test
    void awkwardValuesArriveExactlyInColumnsRecordAndChildRows() throws Exception {
        try (Run run = new Run()) {
            run.write(customer("cus_1", "note", AWKWARD, "balance", Long.MAX_VALUE,
                    "rate", new BigDecimal("-12345678901234567890.000000000123"), "delinquent", true,
                    "created", -62_198_755_200L, "updated", "2026-01-02T03:04:05.123456Z", "birthday", "2024-02-29",
                    "metadata", Map.of("k", AWKWARD), "items", List.of(Map.of("label", AWKWARD), Map.of("label", ""))),
                    customer("cus_2", "note", "", "balance", 9_007_199_254_740_993L, "delinquent", false,
                            "created", 253_402_300_800L),
                    customer("cus_3"));
        }
        assertThat(query("SELECT id, note, balance::text, rate::text, delinquent::text,"
                + " extract(epoch FROM created)::bigint::text, updated = '2026-01-02 03:04:05.123456+00',"
                + " birthday::text, metadata->>'k', _record->>'note', _synced_at = '" + AT + "', _data_source"
                + " FROM stripe_customers ORDER BY id")).containsExactly(
                        List.of("cus_1", AWKWARD, String.valueOf(Long.MAX_VALUE), "-12345678901234567890.000000000123",
                                "true", "-62198755200", "t", "2024-02-29", AWKWARD, AWKWARD, "t", "stripe"),
                        Arrays.asList("cus_2", "", "9007199254740993", null, "false", "253402300800", null, null,
                                null, "", "t", "stripe"),
                        Arrays.asList("cus_3", null, null, null, null, null, null, null, null, null, "t", "stripe"));
        assertThat(query("SELECT _parent_id, _position::text, label, _synced_at = '" + AT + "'"
                + " FROM stripe_customers__items ORDER BY _position")).containsExactly(
                        List.of("cus_1", "0", AWKWARD, "t"), List.of("cus_1", "1", "", "t"));
    }

    @Test
    void laterBatchesUpsertReplaceChildrenAndTakeNewColumns() throws Exception {
        try (Run run = new Run()) {
            run.write(customer("cus_1", "note", "first", "items", List.of(Map.of("label", "a"), Map.of("label", "b"))),
                    customer("cus_2", "note", "other"));
            run.write(customer("cus_1", "note", "second", "phone", "+33", "items", List.of(Map.of("label", "c"))));
            run.write(customer("cus_3", "note", "third"), customer("cus_1", "note", "third", "phone", "+34"));
        }
        assertThat(query("SELECT id, note, phone FROM stripe_customers ORDER BY id")).containsExactly(
                List.of("cus_1", "third", "+34"), Arrays.asList("cus_2", "other", null),
                Arrays.asList("cus_3", "third", null));
        assertThat(query("SELECT _parent_id, label FROM stripe_customers__items"))
                .as("cus_1's last batch had no items: its rows were replaced by none")
                .isEmpty();
    }

    @Test
    void aBatchTheServerRejectsLeavesNothingAndTheNextBatchWrites() throws Exception {
        try (Run run = new Run()) {
            assertThatThrownBy(() -> run.write(customer("cus_0", "note", "nul \u0000 in the first batch")))
                    .isInstanceOf(DestinationException.class)
                    .hasMessageContaining("cannot write a batch of entity 'customers'");
        }
        // As the sync engine does after a failed batch: a new run, whose typer starts from the tables as they are.
        try (Run run = new Run()) {
            run.write(customer("cus_1", "note", "kept"));
            assertThatThrownBy(() -> run.write(customer("cus_1", "note", "changed"),
                    customer("cus_2", "note", "nul \u0000 character")))
                    .isInstanceOf(DestinationException.class);
            assertThat(query("SELECT id, note FROM stripe_customers")).containsExactly(List.of("cus_1", "kept"));
            // Same connection, same layout: the staging table holds none of the failed batch's rows.
            run.write(customer("cus_2", "note", "written"));
        }
        assertThat(query("SELECT id, note FROM stripe_customers ORDER BY id")).containsExactly(
                List.of("cus_1", "kept"), List.of("cus_2", "written"));
    }

    @Test
    void copyTextEscapesEveryCharacterTheFormatReserves() {
        String text = new CopyText().field(dev.tributary.spi.destination.ColumnType.STRING, "a\\b\tc\nd\re")
                .field(dev.tributary.spi.destination.ColumnType.STRING, null)
                .field(dev.tributary.spi.destination.ColumnType.STRING, "").endRow()
                .field(dev.tributary.spi.destination.ColumnType.TIMESTAMP,
                        java.time.LocalDate.of(-1, 3, 1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .endRow().text();

        assertThat(text).isEqualTo("a\\\\b\\tc\\nd\\re\t\\N\t\n0002-03-01 00:00:00.000000+00:00 BC\n");
    }

    private Map<String, Object> customer(String id, Object... fields) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        for (int i = 0; i < fields.length; i += 2) {
            record.put((String) fields[i], fields[i + 1]);
        }
        return record;
    }

    private List<List<Object>> query(String sql) throws SQLException {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            try (ResultSet rows = statement.executeQuery(sql)) {
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
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection(base(), "postgres", "");
    }

    private static String base() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    }

    /** One incremental run writing typed batches as the sync engine does. */
    private final class Run implements AutoCloseable {
        final EntityWriter writer;
        final EntityTyper typer;

        Run() {
            JdbcDestination destination = JdbcDestination.open(DestinationUrl.parse(base() + "?user=postgres&schema="
                    + schema, Optional.empty(), name -> null), Clock.systemUTC());
            writer = destination.openWriter(CUSTOMERS, SyncState.started(SyncMode.INCREMENTAL, Optional.empty(),
                    Optional.empty()));
            typer = new EntityTyper("customers", List.of("id"), Optional.of(SCHEMA), writer.layout().orElseThrow(),
                    TypingSettings.defaults(63));
        }

        @SafeVarargs
        final void write(Map<String, Object>... records) {
            List<Map<String, Object>> batch = List.of(records);
            SyncState state = new SyncState(SyncMode.INCREMENTAL, false, Optional.of("page"), Optional.empty(),
                    Optional.empty());
            writer.write(new WriteBatch(batch, List.of(), state, AT, Optional.of(typer.type(batch, "run-1"))));
        }

        @Override
        public void close() {
            writer.close();
        }
    }
}

package dev.tributary.runtime.destination;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.typing.EntityTyper;
import dev.tributary.runtime.typing.TypingSettings;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.TableLayout;
import dev.tributary.spi.destination.WriteBatch;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Typed tables on a real database: native columns queryable by name, exact big integers and decimals, a later new
 * field, child tables after update, deletion and full refresh, the layout after a restart, and the in-place
 * migration of a blob-only table written with the SQL of the version before typed tables.
 */
abstract class TypedTableChecks {

    static final EntityTable CUSTOMERS = new EntityTable("stripe", "customers", List.of("id"), "stripe");
    static final Instant T1 = Instant.parse("2026-01-02T03:04:05Z");

    /** A fresh destination (its own file or schema) for each check. */
    abstract JdbcDestination destination();

    /** A connection to the destination's database, in its schema. */
    abstract Connection connection() throws SQLException;

    /** The qualified name of a table. */
    abstract String table(String name);

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

    private static Map<String, Object> customer(String id, Object... fields) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        for (int i = 0; i < fields.length; i += 2) {
            record.put((String) fields[i], fields[i + 1]);
        }
        return record;
    }

    /** Writes batches the way the sync engine does: a typer of the table's schema started from the writer's layout. */
    private static final class Run implements AutoCloseable {
        final EntityWriter writer;
        final EntityTyper typer;
        final SyncMode mode;

        Run(JdbcDestination destination, SyncMode mode) {
            this(destination, CUSTOMERS, mode);
        }

        Run(JdbcDestination destination, EntityTable table, SyncMode mode) {
            this(destination, table, mode, TypingSettings.defaults(63));
        }

        Run(JdbcDestination destination, EntityTable table, SyncMode mode, TypingSettings settings) {
            SyncState start = destination.readState(table).filter(s -> !s.finished() && s.mode() == mode)
                    .orElse(SyncState.started(mode, Optional.empty(), Optional.empty()));
            this.mode = mode;
            this.writer = destination.openWriter(table, start);
            this.typer = new EntityTyper(table.entity(), table.primaryKey(), table.schema(),
                    writer.layout().orElseThrow(), settings);
        }

        void write(List<Map<String, Object>> records, List<Map<String, Object>> deleted, Instant at) {
            SyncState state = new SyncState(mode, false, Optional.of("page"), Optional.empty(), Optional.empty());
            writer.write(new WriteBatch(records, deleted, state, at, Optional.of(typer.type(records, "run-1"))));
        }

        void finish() {
            writer.finish(new SyncState(mode, true, Optional.empty(), Optional.empty(), Optional.empty()));
        }

        @Override
        public void close() {
            writer.close();
        }
    }

    @Test
    void typedColumnsAreQueryableByNameWithExactNumbers() throws Exception {
        JdbcDestination destination = destination();
        try (Run run = new Run(destination, SyncMode.INCREMENTAL)) {
            run.write(List.of(
                    customer("cus_1", "email", "a@example.com", "balance", 9_007_199_254_740_993L,
                            "delinquent", true, "rate", new BigDecimal("12345678901234567890.123456789"),
                            "address", Map.of("city", "Paris")),
                    customer("cus_2", "email", "b@example.com", "balance", 5L, "delinquent", false)),
                    List.of(), T1);
        }
        assertThat(query("SELECT email, balance, rate, address__city FROM " + table("stripe_customers")
                + " WHERE delinquent" + trueLiteral()))
                .containsExactly(List.of("a@example.com", "9007199254740993", "12345678901234567890.123456789",
                        "Paris"));
        assertThat(query("SELECT \"table\", \"column\", \"type\", \"change\", \"run\" FROM "
                + table("_tributary_schema") + " WHERE \"column\" = 'balance'"))
                .containsExactly(List.of("stripe_customers", "balance", "INTEGER", "ADD_COLUMN", "run-1"));
    }

    /** The text compared with a boolean column in WHERE: SQLite's 0/1 columns need none, PostgreSQL neither. */
    String trueLiteral() {
        return "";
    }

    @Test
    void aLaterFieldBecomesAColumnAndTheLayoutSurvivesARestart() throws Exception {
        JdbcDestination destination = destination();
        try (Run run = new Run(destination, SyncMode.INCREMENTAL)) {
            run.write(List.of(customer("cus_1", "email", "a@example.com")), List.of(), T1);
        }
        EntityLayout before = destination.readLayout(CUSTOMERS).orElseThrow();
        try (Run run = new Run(destination, SyncMode.INCREMENTAL)) {
            assertThat(run.writer.layout()).contains(before);
            run.write(List.of(customer("cus_2", "email", "b@example.com", "phone", "+33")), List.of(), T1);
        }
        assertThat(query("SELECT id, email, phone FROM " + table("stripe_customers") + " ORDER BY id"))
                .containsExactly(Arrays.asList("cus_1", "a@example.com", null),
                        List.of("cus_2", "b@example.com", "+33"));
        assertThat(destination.readLayout(CUSTOMERS).orElseThrow().table().columns())
                .extracting(c -> c.name()).containsExactly("email", "phone");
    }

    private static Map<String, Object> subscription(String id, String... items) {
        List<Map<String, Object>> elements = new ArrayList<>();
        for (String item : items) {
            elements.add(Map.of("price", item, "quantity", 1L));
        }
        return customer(id, "items", elements);
    }

    @Test
    void childRowsFollowTheirParentThroughUpdateDeletionAndFullRefresh() throws Exception {
        JdbcDestination destination = destination();
        String children = table("stripe_customers__items");
        try (Run run = new Run(destination, SyncMode.INCREMENTAL)) {
            run.write(List.of(subscription("s1", "p1", "p2"), subscription("s2", "p3")), List.of(), T1);
            run.write(List.of(subscription("s1", "p9")), List.of(), T1);
            run.write(List.of(), List.of(Map.of("id", "s2")), T1);
        }
        assertThat(query("SELECT _parent_id, _position, price, quantity FROM " + children
                + " ORDER BY _parent_id, _position"))
                .containsExactly(List.of("s1", "0", "p9", "1"), List.of("s2", "0", "p3", "1"));
        try (Run run = new Run(destination, SyncMode.FULL_REFRESH)) {
            run.write(List.of(subscription("s3", "p4", "p5")), List.of(), T1);
            assertThat(query("SELECT count(*) FROM " + children)).containsExactly(List.of("2"));
            run.finish();
        }
        assertThat(query("SELECT _parent_id, _position, price FROM " + children + " ORDER BY _position"))
                .containsExactly(List.of("s3", "0", "p4"), List.of("s3", "1", "p5"));
        assertThat(query("SELECT id FROM " + table("stripe_customers"))).containsExactly(List.of("s3"));
        assertThat(destination.readLayout(CUSTOMERS).orElseThrow().children()).hasSize(1);
    }

    /** Text that quoting, escaping or an array literal could mangle. */
    static final String AWKWARD = "it's \"quoted\", \\back\\slash\\, {braces}; NULL,"
            + " \u00fcnic\u00f6de \u2713 \ud834\udd1e";

    /** The entity of {@link #awkwardValuesSurviveUpsertsAcrossBatchesASchemaChangeAndChildRows}, declared. */
    static final EntityTable AWKWARD_TABLE = new EntityTable("odd", "things", List.of("id"), "odd").withSchema(
            EntitySchema.of(SchemaField.string("name"), SchemaField.string("note"), SchemaField.integer("count"),
            SchemaField.number("amount"), SchemaField.json("meta"), SchemaField.bool("active"),
            SchemaField.timestamp("seen"), SchemaField.date("born"),
            SchemaField.array("parts", SchemaField.string("label"), SchemaField.integer("weight"))));

    @Test
    void awkwardValuesSurviveUpsertsAcrossBatchesASchemaChangeAndChildRows() throws Exception {
        JdbcDestination destination = destination();
        Map<String, Object> meta = Map.of("say", "he said \"hi\" \\o/", "nested", Map.of("q", "'\"'"),
                "list", List.of(1, "two", Map.of()));
        try (Run run = new Run(destination, AWKWARD_TABLE, SyncMode.INCREMENTAL)) {
            run.write(List.of(
                    customer("t1", "name", AWKWARD, "note", "", "count", Long.MAX_VALUE,
                            "amount", new BigDecimal("123456789012345678901234.567890"), "meta", meta,
                            "active", true, "seen", "2026-01-02T03:04:05.123456Z", "born", "1999-12-31",
                            "parts", List.of(Map.of("label", AWKWARD, "weight", Long.MIN_VALUE),
                                    Map.of("label", ""))),
                    customer("t2", "name", "NULL", "note", null, "count", null, "amount", null, "meta", null,
                            "active", false, "seen", null, "born", null),
                    customer("t3", "name", null, "count", -1L, "parts", List.of())),
                    List.of(), T1);
            run.write(List.of(
                    customer("t2", "name", "second", "count", 2L, "extra", "a new \"column\"",
                            "parts", List.of(Map.of("label", "x", "weight", 7L))),
                    customer("t1", "name", AWKWARD + "!", "note", "", "count", Long.MAX_VALUE,
                            "amount", new BigDecimal("-0.000000000000000000000000000001"), "meta", meta,
                            "active", true, "seen", "2026-01-02T03:04:05.123456Z", "born", "1999-12-31",
                            "parts", List.of(Map.of("label", "only")))),
                    List.of(), T1);
        }
        String things = table("odd_things");
        assertThat(query("SELECT id, name, note, count, amount, extra FROM " + things + " ORDER BY id"))
                .containsExactly(
                        Arrays.asList("t1", AWKWARD + "!", "", "9223372036854775807",
                                "-0.000000000000000000000000000001", null),
                        Arrays.asList("t2", "second", null, "2", null, "a new \"column\""),
                        Arrays.asList("t3", null, null, "-1", null, null));
        assertThat(query("SELECT id FROM " + things + " WHERE active" + trueLiteral())).containsExactly(List.of("t1"));
        assertThat(query("SELECT id, " + epochSeconds("seen") + ", born FROM " + things + " ORDER BY id"))
                .containsExactly(List.of("t1", "1767323045", "1999-12-31"), Arrays.asList("t2", null, null),
                        Arrays.asList("t3", null, null));
        List<List<Object>> stored = query("SELECT meta, _record FROM " + things + " WHERE id = 't1'");
        assertThat(JSON.readValue((String) stored.get(0).get(0), Map.class)).isEqualTo(meta);
        assertThat(JSON.readValue((String) stored.get(0).get(1), Map.class)).containsEntry("name", AWKWARD + "!")
                .containsEntry("meta", meta);
        assertThat(query("SELECT _parent_id, _position, label, weight FROM " + table("odd_things__parts")
                + " ORDER BY _parent_id, _position"))
                .containsExactly(Arrays.asList("t1", "0", "only", null), List.of("t2", "0", "x", "7"));
    }

    @Test
    void withoutTheRawRecordTypedRowsLeaveRecordNull() throws Exception {
        try (Run run = new Run(destination(), CUSTOMERS, SyncMode.INCREMENTAL, new TypingSettings(3, 100, 63, false))) {
            run.write(List.of(customer("c1", "email", "a@example.com"), customer("c2", "email", null)), List.of(),
                    T1);
        }
        assertThat(query("SELECT id, email, _record FROM " + table("stripe_customers") + " ORDER BY id"))
                .containsExactly(Arrays.asList("c1", "a@example.com", null), Arrays.asList("c2", null, null));
    }

    @Test
    void aFractionWidensAnIntegerColumnAndAStringGoesToAVariant() throws Exception {
        JdbcDestination destination = destination();
        try (Run run = new Run(destination, SyncMode.INCREMENTAL)) {
            run.write(List.of(customer("c1", "amount", 10L)), List.of(), T1);
            run.write(List.of(customer("c2", "amount", 2.5)), List.of(), T1);
            run.write(List.of(customer("c3", "amount", "n/a")), List.of(), T1);
        }
        List<List<Object>> rows = query("SELECT id, amount, amount__v_text FROM " + table("stripe_customers")
                + " ORDER BY id");
        assertThat(rows.get(0).get(1)).isIn("10", "10.0");
        assertThat(rows.get(1)).containsExactly("c2", "2.5", null);
        assertThat(rows.get(2)).containsExactly("c3", null, "n/a");
    }

    @Test
    void aBlobOnlyTableIsMigratedInPlaceKeepingItsRowsAndState() throws Exception {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            for (String sql : blobTableOfVersion10()) {
                statement.execute(sql);
            }
        }
        JdbcDestination destination = destination();
        assertThat(destination.readLayout(CUSTOMERS)).isEmpty();
        assertThat(destination.readState(CUSTOMERS)).map(SyncState::position).contains(Optional.of("old-cursor"));
        try (Run run = new Run(destination, SyncMode.INCREMENTAL)) {
            assertThat(run.writer.layout().orElseThrow().table().columns()).extracting(c -> c.name())
                    .contains("email", "balance", "address__city");
            run.write(List.of(customer("cus_3", "email", "c@example.com", "balance", 1L)), List.of(), T1);
        }
        assertThat(query("SELECT id, email, balance, address__city FROM " + table("stripe_customers")
                + " ORDER BY id")).containsExactly(
                        List.of("cus_1", "old@example.com", "9007199254740993", "Lyon"),
                        Arrays.asList("cus_2", "two@example.com", "7", null),
                        Arrays.asList("cus_3", "c@example.com", "1", null));
        assertThat(query("SELECT _parent_id, price FROM " + table("stripe_customers__items")))
                .containsExactly(List.of("cus_1", "p1"));
        assertThat(query("SELECT count(*) FROM " + table("_tributary_schema") + " WHERE \"run\" = 'migration'"
                + " AND \"change\" = 'ADD_COLUMN'")).isNotEqualTo(List.of(List.of("0")));
        assertThat(query("SELECT position FROM " + table("_tributary_state"))).containsExactly(List.of("page"));
    }

    @Test
    void aBlobOnlyTableOfSeveralPagesIsMigratedWhole() throws Exception {
        int rows = 2_500;
        StringBuilder insert = new StringBuilder("INSERT INTO " + table("stripe_customers")
                + " (id, _record, _synced_at, _data_source) VALUES ");
        for (int i = 1; i <= rows; i++) {
            String id = "cus_k" + i;
            insert.append(i == 1 ? "" : ", ").append("('").append(id).append("', '{\"id\":\"").append(id)
                    .append("\",\"email\":\"").append(i).append("@example.com\",\"balance\":").append(i)
                    .append("}', '2025-01-01T00:00:00Z', 'stripe')");
        }
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            for (String sql : blobTableOfVersion10()) {
                statement.execute(sql);
            }
            statement.execute(insert.toString());
        }

        new Run(destination(), SyncMode.INCREMENTAL).close();

        String customers = table("stripe_customers");
        assertThat(query("SELECT count(*), count(email), count(DISTINCT email), sum(balance) FROM " + customers
                + " WHERE id LIKE 'cus_k%'")).containsExactly(List.of(String.valueOf(rows), String.valueOf(rows),
                        String.valueOf(rows), String.valueOf((long) rows * (rows + 1) / 2)));
        assertThat(query("SELECT count(*) FROM " + customers + " WHERE id LIKE 'cus_k%' AND email <> "
                + concat("id")))
                .containsExactly(List.of("0"));
        assertThat(query("SELECT email FROM " + customers + " WHERE id = 'cus_2'"))
                .containsExactly(List.of("two@example.com"));
    }

    @Test
    void aMigratedTableGetsTheDeclaredTypesAndColumnsOfAFreshTableOfTheSameRecords() throws Exception {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            for (String sql : blobTableOfVersion10()) {
                statement.execute(sql);
            }
            for (String record : STRIPE_RECORDS) {
                String id = (String) JSON.readValue(record, Map.class).get("id");
                statement.execute("INSERT INTO " + table("stripe_customers") + " (id, _record, _synced_at,"
                        + " _data_source) VALUES ('" + id + "', '" + record + "', '2025-01-01T00:00:00Z', 'stripe')");
            }
        }
        List<Map<String, Object>> stored = storedRecords();
        JdbcDestination destination = destination();

        try (Run migrating = new Run(destination, DECLARED, SyncMode.INCREMENTAL)) {
            assertThat(migrating.writer.layout().orElseThrow().table().column("created")).map(Column::type)
                    .contains(ColumnType.TIMESTAMP);
            assertThat(destination.readState(DECLARED)).map(SyncState::position).contains(Optional.of("old-cursor"));
        }
        Map<String, Object> later = customer("cus_z", "email", "z@example.com", "created", 1_700_086_400L);
        try (Run following = new Run(destination, DECLARED, SyncMode.INCREMENTAL)) {
            following.write(List.of(later), List.of(), T1);
        }

        String customers = table("stripe_customers");
        assertThat(query("SELECT id, " + epochSeconds("created") + " FROM " + customers + " ORDER BY id"))
                .containsExactly(Arrays.asList("cus_1", null), Arrays.asList("cus_2", null),
                        List.of("cus_s1", "1700000000"), List.of("cus_s2", "1700003600"),
                        List.of("cus_z", "1700086400"));
        assertThat(query("SELECT \"type\", \"run\" FROM " + table("_tributary_schema")
                + " WHERE \"table\" = 'stripe_customers' AND \"column\" = 'created'"))
                .containsExactly(List.of("TIMESTAMP", "migration"));
        EntityLayout migrated = destination.readLayout(DECLARED).orElseThrow();
        assertThat(migrated.table().columns()).extracting(Column::name).noneMatch(name -> name.startsWith("created__"));
        assertThat(columnNames(customers)).contains("created").noneMatch(name -> name.startsWith("created__"));

        List<Map<String, Object>> fresh = new ArrayList<>(stored);
        fresh.add(later);
        try (Run run = new Run(destination, FRESH, SyncMode.INCREMENTAL)) {
            run.write(fresh, List.of(), T1);
        }
        EntityLayout typedFresh = destination.readLayout(FRESH).orElseThrow();
        assertThat(migrated.table().columns()).isEqualTo(typedFresh.table().columns());
        assertThat(migrated.children()).extracting(TableLayout::columns)
                .isEqualTo(typedFresh.children().stream().map(TableLayout::columns).toList());
        String columns = "id, email, balance, " + epochSeconds("created") + ", address__city, metadata";
        assertThat(query("SELECT " + columns + " FROM " + customers + " ORDER BY id"))
                .isEqualTo(query("SELECT " + columns + " FROM " + table("fresh_customers") + " ORDER BY id"));
    }

    /** Stripe-like customers as the version before typed tables stored them: {@code created} in epoch seconds. */
    private static final List<String> STRIPE_RECORDS = List.of(
            "{\"id\":\"cus_s1\",\"object\":\"customer\",\"email\":\"s1@example.com\",\"balance\":0,"
                    + "\"created\":1700000000,\"address\":{\"city\":\"Nantes\"},\"metadata\":{\"tier\":\"gold\"}}",
            "{\"id\":\"cus_s2\",\"object\":\"customer\",\"email\":\"s2@example.com\",\"balance\":-250,"
                    + "\"created\":1700003600,\"address\":null,\"metadata\":{}}");

    /** The schema Stripe's connector declares for these fields. */
    private static final EntityTable DECLARED = CUSTOMERS.withSchema(EntitySchema.of(
            SchemaField.string("email"), SchemaField.integer("balance"),
            SchemaField.timestamp("created", ValueFormat.EPOCH_SECONDS),
            SchemaField.object("address", SchemaField.string("city")), SchemaField.json("metadata")));

    /** The same entity and schema under another prefix: a table a fresh sync creates. */
    private static final EntityTable FRESH = new EntityTable("fresh", "customers", List.of("id"), "stripe",
            DECLARED.schema());

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every stored {@code _record} of the blob-only table, parsed as a connector hands records over, in key order. */
    private List<Map<String, Object>> storedRecords() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        for (List<Object> row : query("SELECT _record FROM " + table("stripe_customers") + " ORDER BY id")) {
            records.add(JSON.readValue((String) row.get(0), new TypeReference<Map<String, Object>>() { }));
        }
        return records;
    }

    /** The SQL of a timestamp column's value in whole epoch seconds. */
    abstract String epochSeconds(String column);

    /** The names of a table's columns in the database. */
    private List<String> columnNames(String qualified) throws SQLException {
        try (Connection connection = connection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + qualified + " WHERE 1 = 0")) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                names.add(rows.getMetaData().getColumnName(i));
            }
            return names;
        }
    }

    /** The email each generated row of {@link #aBlobOnlyTableOfSeveralPagesIsMigratedWhole} must hold. */
    private static String concat(String id) {
        return "substr(" + id + ", 6) || '@example.com'";
    }

    /** The plain SQL with which the version before typed tables created and filled a table and its state. */
    abstract List<String> blobTableOfVersion10();

    static List<String> blobRows(String table, String state) {
        return List.of(
                "INSERT INTO " + table + " (id, _record, _synced_at, _data_source) VALUES ('cus_1', '{\"id\":\"cus_1\","
                        + "\"email\":\"old@example.com\",\"balance\":9007199254740993,\"address\":{\"city\":\"Lyon\"},"
                        + "\"items\":[{\"price\":\"p1\"}]}', '2025-01-01T00:00:00Z', 'stripe')",
                "INSERT INTO " + table + " (id, _record, _synced_at, _data_source) VALUES ('cus_2', '{\"id\":\"cus_2\","
                        + "\"email\":\"two@example.com\",\"balance\":7}', '2025-01-01T00:00:00Z', 'stripe')",
                "INSERT INTO " + state + " (prefix, entity, mode, finished, position, since, max_cursor, updated_at)"
                        + " VALUES ('stripe', 'customers', 'INCREMENTAL', 0, 'old-cursor', NULL, NULL,"
                        + " '2025-01-01T00:00:00Z')");
    }

    static Clock clock() {
        return Clock.systemUTC();
    }
}

package dev.tributary.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.typing.EntityTyper;
import dev.tributary.runtime.typing.TypedBatch;
import dev.tributary.runtime.typing.TypingSettings;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink task (in this JVM, no cluster) writes Stripe customers that went through the source's Struct values and
 * JsonConverter into a real SQLite file: the table gets the same typed columns and values as a direct sync of the
 * entity into another SQLite file, and the sink's typing settings ({@code tributary.settings.<name>}) shape it as
 * they do a direct sync's.
 */
class SinkTypedTablesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The columns the two paths fill differently by design: when and by whom, and the raw record. */
    private static final Set<String> BOOKKEEPING = Set.of("_synced_at", "_data_source", "_record");

    /** Part of the Stripe connector's customers schema, plus a child array, a decimal and a date. */
    private static final EntitySchema CUSTOMERS = EntitySchema.of(
            SchemaField.string("id").notNull(),
            SchemaField.object("address", SchemaField.string("city"), SchemaField.string("country")),
            SchemaField.integer("balance"),
            SchemaField.timestamp("created", ValueFormat.EPOCH_SECONDS).notNull(),
            SchemaField.bool("delinquent"),
            SchemaField.json("discount"),
            SchemaField.string("email"),
            SchemaField.json("metadata"),
            SchemaField.array("preferred_locales"),
            SchemaField.number("credit"),
            SchemaField.date("birthday"),
            SchemaField.array("cards", SchemaField.string("brand"), SchemaField.integer("exp_year")));

    @TempDir
    Path folder;

    @Test
    void structsFromTheSourceBecomeTheTypedTableADirectSyncWrites() throws Exception {
        List<Map<String, Object>> customers = customers(25);
        Path viaKafka = folder.resolve("kafka.db");
        Schema schema = StructValues.schema("customers", CUSTOMERS);
        JsonConverter converter = converter();
        List<SinkRecord> records = new ArrayList<>();
        for (Map<String, Object> customer : customers) {
            byte[] bytes = converter.fromConnectData("stripe.customers", schema, StructValues.struct(customer, schema));
            SchemaAndValue read = converter.toConnectData("stripe.customers", bytes);
            records.add(new SinkRecord("stripe.customers", 0, null, Map.of("id", customer.get("id")), read.schema(),
                    read.value(), records.size()));
        }
        runSink(viaKafka, records);

        Path direct = folder.resolve("direct.db");
        writeDirectly(direct, customers);

        Map<String, String> columns = columns(viaKafka, "stripe_customers");
        assertThat(columns).containsKeys("email", "balance", "address__city", "address__country", "created",
                "delinquent", "credit", "birthday", "discount", "metadata", "preferred_locales");
        assertThat(columns).isEqualTo(columns(direct, "stripe_customers"));
        assertThat(columns(viaKafka, "stripe_customers__cards")).isEqualTo(columns(direct, "stripe_customers__cards"));

        Map<String, Map<String, Object>> rows = rows(viaKafka, "SELECT * FROM stripe_customers");
        assertThat(rows).hasSize(25).isEqualTo(rows(direct, "SELECT * FROM stripe_customers"));
        assertThat(rows.get("cus_0007")).containsEntry("email", "c7@example.com").containsEntry("balance", 700)
                .containsEntry("address__city", "City 7").containsEntry("created", "2024-01-01T00:00:07Z")
                .containsEntry("delinquent", 1).containsEntry("credit", "12.5").containsEntry("birthday", "1990-01-08");
        assertThat(rows(viaKafka, "SELECT * FROM stripe_customers__cards"))
                .isEqualTo(rows(direct, "SELECT * FROM stripe_customers__cards"));
        assertThat(count(viaKafka, "SELECT COUNT(*) FROM stripe_customers__cards WHERE brand = 'visa'"))
                .isEqualTo(25);
    }

    @Test
    void schemalessRecordsAreTypedFromTheirValuesAndANewSchemaVersionAddsItsColumns() throws Exception {
        Path file = folder.resolve("evolving.db");
        Schema v1 = SchemaBuilder.struct().name("shop.items").field("id", Schema.STRING_SCHEMA)
                .field("price", Schema.OPTIONAL_INT32_SCHEMA).build();
        Schema v2 = SchemaBuilder.struct().name("shop.items").field("id", Schema.STRING_SCHEMA)
                .field("price", Schema.OPTIONAL_INT32_SCHEMA).field("weight", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .build();
        List<SinkRecord> records = List.of(
                new SinkRecord("shop.items", 0, null, Map.of("id", "a"), v1, new Struct(v1).put("id", "a")
                        .put("price", 3), 0),
                new SinkRecord("shop.items", 0, null, Map.of("id", "b"), v2, new Struct(v2).put("id", "b")
                        .put("price", 4).put("weight", 1.5), 1),
                new SinkRecord("shop.notes", 0, null, Map.of("id", "n"), null,
                        Map.of("id", "n", "pages", 12, "tag", Map.of("colour", "red")), 0));
        runSink(file, records);
        assertThat(columns(file, "shop_items")).containsEntry("price", "INTEGER").containsKey("weight");
        assertThat(rows(file, "SELECT id, price, weight FROM shop_items")).containsEntry("a",
                mapOf("id", "a", "price", 3, "weight", null)).containsEntry("b", mapOf("id", "b", "price", 4,
                "weight", "1.5"));
        assertThat(columns(file, "shop_notes")).containsEntry("pages", "INTEGER").containsKey("tag__colour");
        assertThat(rows(file, "SELECT id, pages, tag__colour FROM shop_notes").get("n"))
                .containsEntry("pages", 12).containsEntry("tag__colour", "red");
    }

    /** As Connect delivers a topic of three partitions: many puts of 500 records, the partitions interleaved. */
    @Test
    void manyPutsOverThreePartitionsWriteEveryCustomerOnce() throws Exception {
        Path file = folder.resolve("many.db");
        List<SinkRecord> all = new ArrayList<>();
        JsonConverter converter = converter();
        try (FixtureStripe stripe = new FixtureStripe(5000)) {
            Schema schema = StructValues.schema("customers", CUSTOMERS);
            int offset = 0;
            for (Map<String, Object> customer : stripe.customers()) {
                byte[] bytes = converter.fromConnectData("bench.customers", schema, StructValues.struct(customer, schema));
                SchemaAndValue read = converter.toConnectData("bench.customers", bytes);
                all.add(new SinkRecord("bench.customers", offset % 3, null, Map.of("id", customer.get("id")), read.schema(),
                        read.value(), offset / 3));
                offset++;
            }
        }
        TributarySinkTask task = new TributarySinkTask();
        task.initialize(new QuietSinkTaskContext());
        Map<String, String> props = new HashMap<>();
        props.put("name", "warehouse");
        props.put("topic.prefix", "bench");
        props.put(SinkConfig.DESTINATION_URL, "jdbc:sqlite:" + file);
        task.start(props);
        task.open(Set.of(new TopicPartition("bench.customers", 0)));
        for (int i = 0; i < all.size(); i += 500) {
            task.put(all.subList(i, Math.min(all.size(), i + 500)));
        }
        task.stop();
        assertThat(count(file, "SELECT COUNT(*) FROM bench_customers")).isEqualTo(5000);
        assertThat(count(file, "SELECT COUNT(DISTINCT email) FROM bench_customers")).isEqualTo(5000);
    }

    @Test
    void theSinksTypingSettingsShapeTheTableAsInADirectSync() throws Exception {
        Path file = folder.resolve("settings.db");
        List<SinkRecord> records = List.of(new SinkRecord("shop.notes", 0, null, Map.of("id", "n"), null,
                Map.of("id", "n", "pages", 12, "tag", Map.of("colour", "red", "size", Map.of("cm", 3))), 0));
        runSink(file, records, Map.of("tributary.settings.keepRawRecord", "false",
                "tributary.settings.max_nesting_depth", "1"));
        assertThat(columns(file, "shop_notes")).as("max_nesting_depth=1: objects kept whole")
                .containsKeys("pages", "tag").doesNotContainKey("tag__colour");
        assertThat(count(file, "SELECT COUNT(*) FROM shop_notes")).isEqualTo(1);
        assertThat(count(file, "SELECT COUNT(*) FROM shop_notes WHERE _record IS NULL"))
                .as("keep_raw_record=false: no raw record").isEqualTo(1);
        assertThat(JSON.readTree((String) rows(file, "SELECT id, tag FROM shop_notes").get("n").get("tag")))
                .isEqualTo(JSON.readTree("{\"colour\":\"red\",\"size\":{\"cm\":3}}"));
    }

    @Test
    void schemaContractDiscardRowLeavesOutRecordsThatWouldChangeTheTableAndFreezeFailsThePut() throws Exception {
        // Schemaless: the contract is about fields no schema declares (declared fields are always added).
        SinkRecord first = new SinkRecord("shop.items", 0, null, Map.of("id", "a"), null,
                Map.of("id", "a", "price", 3), 0);
        SinkRecord changed = new SinkRecord("shop.items", 0, null, Map.of("id", "b"), null,
                Map.of("id", "b", "price", 4, "weight", 1.5), 1);
        SinkRecord same = new SinkRecord("shop.items", 0, null, Map.of("id", "c"), null,
                Map.of("id", "c", "price", 5), 2);

        Path discarding = folder.resolve("discard.db");
        runSink(discarding, List.of(first), Map.of("tributary.settings.schema_contract", "discard_row"));
        runSink(discarding, List.of(changed, same), Map.of("tributary.settings.schema_contract", "discard_row"));
        assertThat(columns(discarding, "shop_items")).doesNotContainKey("weight");
        assertThat(rows(discarding, "SELECT id, price FROM shop_items").keySet()).containsExactly("a", "c");

        Path frozen = folder.resolve("freeze.db");
        runSink(frozen, List.of(first), Map.of("tributary.settings.schemaContract", "freeze"));
        assertThatThrownBy(() -> runSink(frozen, List.of(changed), Map.of("tributary.settings.schemaContract",
                "freeze"))).hasMessageContaining("schema_contract is freeze").hasMessageContaining("weight");
        assertThat(rows(frozen, "SELECT id, price FROM shop_items").keySet()).containsExactly("a");
    }

    private static void runSink(Path file, List<SinkRecord> records) {
        runSink(file, records, Map.of());
    }

    private static void runSink(Path file, List<SinkRecord> records, Map<String, String> settings) {
        TributarySinkTask task = new TributarySinkTask();
        task.initialize(new QuietSinkTaskContext());
        Map<String, String> props = new HashMap<>();
        props.put("name", "warehouse");
        props.put("topic.prefix", records.get(0).topic().substring(0, records.get(0).topic().indexOf('.')));
        props.put(SinkConfig.DESTINATION_URL, "jdbc:sqlite:" + file);
        props.putAll(settings);
        task.start(props);
        try {
            Set<TopicPartition> partitions = new java.util.LinkedHashSet<>();
            records.forEach(r -> partitions.add(new TopicPartition(r.topic(), r.kafkaPartition())));
            task.open(partitions);
            task.put(records);
        } finally {
            task.stop();
        }
    }

    /** What a direct sync does with a batch: type it from the declared schema, write it with the state. */
    private void writeDirectly(Path file, List<Map<String, Object>> customers) {
        try (Tributary tributary = Tributary.builder().home(folder.resolve("home")).classpathDiscovery(false)
                .build(); Destination destination = tributary.destinations().open("jdbc:sqlite:" + file,
                        Optional.empty())) {
            EntityTable table = new EntityTable("stripe", "customers", List.of("id"), "stripe");
            SyncState state = SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty());
            try (EntityWriter writer = destination.openWriter(table, state)) {
                EntityTyper typer = new EntityTyper("customers", List.of("id"), Optional.of(CUSTOMERS),
                        writer.layout().orElseThrow(), TypingSettings.defaults(destination.maxIdentifierLength()));
                TypedBatch typed = typer.typeBatch(customers, "direct");
                writer.write(new WriteBatch(typed.records(), List.of(), state, Instant.now(),
                        Optional.of(typed.write())));
            }
        }
    }

    private static List<Map<String, Object>> customers(int count) throws Exception {
        Map<String, Object> fixture;
        try (InputStream in = SinkTypedTablesTest.class.getResourceAsStream("/fixtures/stripe/customer.json")) {
            fixture = JSON.readValue(in, new TypeReference<>() { });
        }
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Map<String, Object> customer = JSON.convertValue(fixture, new TypeReference<>() { });
            customer.put("id", String.format("cus_%04d", i));
            customer.put("email", "c" + i + "@example.com");
            customer.put("balance", i * 100);
            customer.put("created", 1_704_067_200L + i);
            customer.put("delinquent", i % 2 == 1);
            customer.put("address", mapOf("city", "City " + i, "country", "FR"));
            customer.put("credit", i == 7 ? 12.5 : i + 0.25);
            customer.put("birthday", String.format("1990-01-%02d", i + 1));
            customer.put("cards", List.of(mapOf("brand", "visa", "exp_year", 2030 + i),
                    mapOf("brand", "amex", "exp_year", 2031)));
            customers.add(customer);
        }
        return customers;
    }

    private static JsonConverter converter() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), false);
        return converter;
    }

    private static Map<String, String> columns(Path file, String table) throws SQLException {
        Map<String, String> columns = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (result.next()) {
                columns.put(result.getString("name"), result.getString("type"));
            }
        }
        BOOKKEEPING.forEach(columns::remove);
        return columns;
    }

    /** Rows by their first column's value (plus the second for child tables), bookkeeping columns left out. */
    private static Map<String, Map<String, Object>> rows(Path file, String query) throws SQLException {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!BOOKKEEPING.contains(meta.getColumnName(i))) {
                        row.put(meta.getColumnName(i), result.getObject(i));
                    }
                }
                String key = result.getString(1) + (meta.getColumnCount() > 1 && meta.getColumnName(2)
                        .equals("_position") ? "#" + result.getString(2) : "");
                rows.put(key, row);
            }
        }
        return rows;
    }

    private static long count(Path file, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            return result.next() ? result.getLong(1) : -1;
        }
    }

    private static Map<String, Object> mapOf(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}

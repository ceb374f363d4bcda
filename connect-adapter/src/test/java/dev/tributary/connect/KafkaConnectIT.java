package dev.tributary.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real in-process KRaft broker and a distributed Connect cluster of two workers, with the built plugin folder
 * ({@code target/connect}) as the workers' {@code plugin.path}; connectors are created through the REST API. The
 * Tributary classes are not on this test's class path: the workers load them from the plugin folder only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaConnectIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "sk_test_VERYSECRET4242";
    private static final String SOURCE_CLASS = "dev.tributary.connect.TributarySourceConnector";
    private static final String SINK_CLASS = "dev.tributary.connect.TributarySinkConnector";

    @TempDir
    static Path folder;
    private static EmbeddedConnectCluster connect;
    private static Path secrets;

    @BeforeAll
    static void startCluster() throws Exception {
        Path pluginPath = Path.of(System.getProperty("tributary.connectPluginPath", "target/connect"));
        assertThat(pluginPath.resolve("tributary/lib")).isDirectory();
        secrets = folder.resolve("secrets.properties");
        Files.writeString(secrets, "stripe_key=" + SECRET + "\n");
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.path", pluginPath.toAbsolutePath().toString());
        worker.put("plugin.discovery", "service_load");
        worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("key.converter.schemas.enable", "false");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter.schemas.enable", "true");
        worker.put("value.converter.decimal.format", "NUMERIC");
        worker.put("offset.flush.interval.ms", "500");
        worker.put("config.providers", "file");
        worker.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        connect = new EmbeddedConnectCluster.Builder().name("tributary-it").numWorkers(2).workerProps(worker)
                .build();
        connect.start();
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    @Order(1)
    void theWorkersListBothConnectorsFromThePluginFolder() throws Exception {
        String plugins = get("connector-plugins");
        assertThat(plugins).contains("dev.tributary.connect.TributarySourceConnector")
                .contains("dev.tributary.connect.TributarySinkConnector");
    }

    @Test
    @Order(2)
    void aBrokenConfigGetsValidationErrorsNamingEachField() {
        ConfigInfos result = connect.validateConnectorConfig("TributarySourceConnector", Map.of(
                "connector.class", SOURCE_CLASS, "name", "broken",
                "tributary.connector", "sample", "topic.prefix", "broken",
                "tributary.config.records", "lots", "tributary.config.colour", "blue",
                "tributary.entities", "customers,invoices", "tributary.settings.batchSize", "0"));
        Map<String, String> errors = errors(result);
        assertThat(errors).containsOnlyKeys("tributary.config.records", "tributary.config.colour",
                "tributary.entities", "tributary.settings.batchSize");
        assertThat(errors.get("tributary.config.records")).contains("tributary.config.records");
        assertThat(errors.get("tributary.config.colour")).contains("is not a field of connector 'sample'");
        assertThat(errors.get("tributary.entities")).contains("no entity 'invoices'");
        assertThat(result.errorCount()).isEqualTo(4);

        Map<String, String> unknown = errors(connect.validateConnectorConfig("TributarySourceConnector", Map.of(
                "connector.class", SOURCE_CLASS, "name", "unknown",
                "tributary.connector", "nosuch", "topic.prefix", "x")));
        assertThat(unknown).containsOnlyKeys("tributary.connector");
        assertThat(unknown.get("tributary.connector")).contains("no Tributary connector 'nosuch'")
                .contains("sample").contains("stripe");

        Map<String, String> twice = errors(connect.validateConnectorConfig("TributarySourceConnector", Map.of(
                "connector.class", SOURCE_CLASS, "name", "twice", "tributary.connector", "sample",
                "topic.prefix", "x", "tributary.settings.batch_size", "50", "tributary.settings.batchSize", "50")));
        assertThat(twice).containsOnlyKeys("tributary.settings.batch_size", "tributary.settings.batchSize");
        assertThat(twice.get("tributary.settings.batch_size")).contains("given twice");

        Map<String, String> sink = errors(connect.validateConnectorConfig("TributarySinkConnector", Map.of(
                "connector.class", SINK_CLASS, "name", "broken-sink", "topics", "t",
                "tributary.destination.url", "jdbc:sqlite:" + folder.resolve("never-opened.db"),
                "tributary.settings.schema_contract", "sometimes", "tributary.settings.max_nesting_depth", "2",
                "tributary.settings.keep_raw_record", "true", "tributary.settings.keepRawRecord", "false")));
        assertThat(sink).containsOnlyKeys("tributary.settings.schema_contract", "tributary.settings.keep_raw_record",
                "tributary.settings.keepRawRecord");
        assertThat(sink.get("tributary.settings.schema_contract")).contains("discard_row").contains("sometimes");
        assertThat(sink.get("tributary.settings.keepRawRecord")).contains("given twice");
    }

    @Test
    @Order(3)
    void secretsNeverAppearInTheRestOutput() throws Exception {
        Map<String, String> literal = new HashMap<>(Map.of(
                "connector.class", SOURCE_CLASS, "name", "stripe-literal",
                "tributary.connector", "stripe", "topic.prefix", "stripe",
                "tributary.config.api_key", SECRET));
        String validation = JSON.writeValueAsString(connect.validateConnectorConfig("TributarySourceConnector",
                literal));
        assertThat(validation).doesNotContain(SECRET).contains("tributary.config.api_key").contains("[hidden]");

        String sinkValidation = JSON.writeValueAsString(connect.validateConnectorConfig("TributarySinkConnector",
                Map.of("connector.class", SINK_CLASS, "name", "pg", "topics", "t",
                        "tributary.destination.url", "jdbc:postgresql://db:5432/w?user=u&password=" + SECRET)));
        assertThat(sinkValidation).doesNotContain(SECRET).contains("[hidden]");

        Map<String, String> provided = new HashMap<>(Map.of(
                "connector.class", SOURCE_CLASS, "tasks.max", "1",
                "tributary.connector", "stripe", "topic.prefix", "stripe", "tributary.entities", "customers",
                "tributary.config.api_base_url", "http://127.0.0.1:9",
                "tributary.config.api_key", "${file:" + secrets + ":stripe_key}",
                "tributary.settings.maxRetries", "0", "tributary.poll.interval.ms", "600000"));
        connect.configureConnector("stripe-provided", provided);
        waitFor(Duration.ofSeconds(60), () -> get("connectors/stripe-provided/status").contains("\"tasks\":[{"),
                "the stripe task to start");
        for (String resource : new String[] {"connectors/stripe-provided", "connectors/stripe-provided/config",
                "connectors/stripe-provided/status", "connectors/stripe-provided/tasks",
                "connectors?expand=info&expand=status"}) {
            String body = get(resource);
            assertThat(body).as(resource).doesNotContain(SECRET);
        }
        connect.deleteConnector("stripe-provided");
    }

    @Test
    @Order(4)
    void sourceToTopicsToSinkGivesExactTables() throws Exception {
        int records = 1500;
        Path warehouse = folder.resolve("exact.db");
        connect.configureConnector("sample-exact", source("exact", records, 2, "400"));
        connect.configureConnector("sample-exact-sink", sink("exact", warehouse));

        waitFor(Duration.ofSeconds(120), () -> sourceFinished("sample-exact", 2), "the source to finish");
        waitFor(Duration.ofSeconds(120), () -> sinkCaughtUp("sample-exact-sink"), "the sink to catch up");
        stop("sample-exact-sink");

        assertThat(liveIds(warehouse, "exact_customers")).isEqualTo(ids("cus_", records));
        assertThat(liveIds(warehouse, "exact_orders")).isEqualTo(ids("ord_", records));
        for (String entity : new String[] {"customers", "orders"}) {
            Map<String, JsonNode> topic = latestPerKey("exact." + entity, records);
            assertThat(topic).hasSize(records);
            Map<String, JsonNode> table = rows(warehouse, "exact_" + entity);
            assertThat(table).isEqualTo(topic);
        }
        ConsumerRecord<byte[], byte[]> first = connect.kafka().consume(1, 30_000, "exact.customers").iterator()
                .next();
        assertThat(new String(first.headers().lastHeader("tributary.data_source").value()))
                .contains("sample-exact");
        JsonNode envelope = JSON.readTree(first.value());
        assertThat(envelope.at("/schema/name").asText()).isEqualTo("tributary.customers");
        assertThat(envelope.at("/schema/fields").findValuesAsText("name"))
                .contains("org.apache.kafka.connect.data.Timestamp");
        assertThat(first.timestamp()).isEqualTo(envelope.at("/payload/created").asLong());
        assertThat(rows(warehouse, "exact_customers").get(JSON.readTree(first.key()).get("id").asText())
                .get("created").asText()).isEqualTo(Instant.ofEpochMilli(first.timestamp()).toString());
        connect.deleteConnector("sample-exact");
    }

    @Test
    @Order(5)
    void twoSinkTasksOnTwoWorkersWriteOnePostgresExactly() throws Exception {
        int records = 1500;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres";
            Map<String, String> sink = sink("exact", null);
            sink.put("tasks.max", "2");
            sink.put("tributary.destination.url", url);
            connect.configureConnector("pg-sink", sink);
            waitFor(Duration.ofSeconds(120), () -> sinkCaughtUp("pg-sink"), "the PostgreSQL sink to catch up");
            Set<String> workers = new TreeSet<>();
            connect.connectorStatus("pg-sink").tasks().forEach(task -> workers.add(task.workerId()));
            stop("pg-sink");
            assertThat(workers).as("the two sink tasks ran on both workers").hasSize(2);
            for (String entity : new String[] {"customers", "orders"}) {
                Map<String, JsonNode> table = new TreeMap<>();
                try (Connection connection = DriverManager.getConnection(url);
                        Statement statement = connection.createStatement();
                        ResultSet result = statement.executeQuery("SELECT id, _record::text FROM exact_" + entity
                                + " WHERE _deleted_at IS NULL")) {
                    while (result.next()) {
                        assertThat(table.put(result.getString(1), JSON.readTree(result.getString(2)))).isNull();
                    }
                }
                assertThat(table).isEqualTo(latestPerKey("exact." + entity, records));
            }
        }
    }

    @Test
    @Order(6)
    void tombstonesMarkRowsDeletedAndTheSinkResumesFromTheOffsetsInTheDatabase() throws Exception {
        Path warehouse = folder.resolve("deletes.db");
        connect.kafka().createTopic("del.items", 1);
        connect.kafka().produce("del.items", "{\"id\":\"a\"}", "{\"id\":\"a\",\"n\":1}");
        connect.kafka().produce("del.items", "{\"id\":\"b\"}", "{\"id\":\"b\",\"n\":2}");
        connect.kafka().produce("del.items", "{\"id\":\"a\"}", null);
        Map<String, String> sink = sink("del", warehouse);
        sink.put("topics", "del.items");
        // These values are plain JSON maps (no schema envelope): the sink takes schemaless maps as well as Structs.
        sink.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        sink.put("value.converter.schemas.enable", "false");
        connect.configureConnector("del-sink", sink);
        waitFor(Duration.ofSeconds(60), () -> sinkCaughtUp("del-sink"), "the sink to catch up");
        stop("del-sink");
        assertThat(count(warehouse, "SELECT COUNT(*) FROM del_items WHERE _deleted_at IS NOT NULL")).isEqualTo(1);
        assertThat(count(warehouse, "SELECT COUNT(*) FROM del_items")).isEqualTo(2);
        // A new sink with a new consumer group starts at the offsets stored with the rows, not at the beginning.
        connect.kafka().produce("del.items", "{\"id\":\"c\"}", "{\"id\":\"c\",\"n\":3}");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + warehouse);
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE del_items SET _record = '{\"id\":\"b\",\"n\":99}' WHERE id = 'b'");
        }
        connect.configureConnector("del-sink-2", sink);
        waitFor(Duration.ofSeconds(60), () -> sinkCaughtUp("del-sink-2"), "the second sink to catch up");
        stop("del-sink-2");
        assertThat(count(warehouse, "SELECT COUNT(*) FROM del_items")).isEqualTo(3);
        assertThat(rows(warehouse, "del_items").get("b").get("n").asInt())
                .as("b was not read again: the sink sought past it").isEqualTo(99);
    }

    @Test
    @Order(7)
    void twoTasksOnTwoWorkersTogetherKeepToTheConnectorsRequestBudget() throws Exception {
        int budget = 10;
        try (CountingStripe stripe = new CountingStripe()) {
            Map<String, String> config = new HashMap<>();
            config.put("connector.class", SOURCE_CLASS);
            config.put("tasks.max", "2");
            config.put("tributary.connector", "stripe");
            config.put("tributary.config.api_key", SECRET);
            config.put("tributary.config.api_base_url", stripe.baseUrl());
            config.put("tributary.entities", "customers,charges,products,prices");
            config.put("tributary.settings.requestsPerSecond", Integer.toString(budget));
            config.put("tributary.settings.burst", "1");
            config.put("topic.prefix", "rate");
            config.put("topic.creation.default.replication.factor", "1");
            config.put("topic.creation.default.partitions", "1");
            config.put("topic.creation.default.retention.ms", "-1");
            connect.configureConnector("stripe-rate", config);
            waitFor(Duration.ofSeconds(60), () -> !stripe.hits().isEmpty(), "the first request");
            long from = stripe.hits().get(0).atMillis() + 3000;
            long to = from + 10_000;
            waitFor(Duration.ofSeconds(60), () -> stripe.hits().get(stripe.hits().size() - 1).atMillis() > to,
                    "ten seconds of requests");
            Set<String> workers = new TreeSet<>();
            connect.connectorStatus("stripe-rate").tasks().forEach(task -> workers.add(task.workerId()));
            connect.deleteConnector("stripe-rate");

            long[] perSecond = new long[10];
            for (CountingStripe.Hit hit : stripe.hits()) {
                if (hit.atMillis() >= from && hit.atMillis() < to) {
                    perSecond[(int) ((hit.atMillis() - from) / 1000)]++;
                }
            }
            long total = java.util.Arrays.stream(perSecond).sum();
            long busiest = java.util.Arrays.stream(perSecond).max().orElse(0);
            String figures = String.format(java.util.Locale.ROOT, "rate limit: budget %d req/s over 2 tasks on "
                    + "workers %s; observed %.1f req/s over 10 s, busiest second %d, per second %s%n", budget,
                    workers, total / 10.0, busiest, java.util.Arrays.toString(perSecond));
            System.out.print(figures);
            Files.writeString(Path.of("target", "connect-rate-limit.txt"), figures);
            assertThat(stripe.resources()).as("both tasks' entities were fetched")
                    .contains("customers", "charges", "products", "prices");
            assertThat(total / 10.0).as("the tasks together keep to the budget, not twice it")
                    .isLessThanOrEqualTo(budget * 1.1).isGreaterThan(budget * 0.6);
            assertThat(busiest).isLessThanOrEqualTo(budget + 2);
        }
    }

    @Test
    @Order(8)
    void aWorkerStoppedMidSyncHandsItsTasksToTheSurvivorAndTheTablesEndExact() throws Exception {
        int records = 6000;
        Path warehouse = folder.resolve("failover.db");
        connect.configureConnector("sample-failover", source("failover", records, 2, "20"));
        connect.configureConnector("sample-failover-sink", sink("failover", warehouse));
        waitFor(Duration.ofSeconds(120), () -> topicSize("failover.customers") > 300, "the sync to be under way");
        assertThat(sourceFinished("sample-failover", 2)).as("stopped mid-sync").isFalse();

        WorkerHandle victim = connect.workers().iterator().next();
        connect.removeWorker(victim);

        waitFor(Duration.ofSeconds(240), () -> sourceFinished("sample-failover", 2), "the source to finish");
        waitFor(Duration.ofSeconds(120), () -> sinkCaughtUp("sample-failover-sink"), "the sink to catch up");
        assertThat(connect.connectorStatus("sample-failover").tasks())
                .allSatisfy(task -> assertThat(task.state()).isEqualTo("RUNNING"));
        stop("sample-failover-sink");
        assertThat(liveIds(warehouse, "failover_customers")).isEqualTo(ids("cus_", records));
        assertThat(liveIds(warehouse, "failover_orders")).isEqualTo(ids("ord_", records));
        for (String entity : new String[] {"customers", "orders"}) {
            assertThat(rows(warehouse, "failover_" + entity))
                    .isEqualTo(latestPerKey("failover." + entity, records));
        }
    }

    @Test
    @Order(9)
    void aFakeStripeIsMirroredIntoATopicExactlyAndTheSinkMakesTypedTablesOfIt() throws Exception {
        int count = 750;
        Path warehouse = folder.resolve("mirror.db");
        try (FixtureStripe stripe = new FixtureStripe(count)) {
            Map<String, String> source = new HashMap<>();
            source.put("connector.class", SOURCE_CLASS);
            source.put("tasks.max", "1");
            source.put("tributary.connector", "stripe");
            source.put("tributary.config.api_key", SECRET);
            source.put("tributary.config.api_base_url", stripe.baseUrl());
            source.put("tributary.entities", "customers");
            source.put("tributary.settings.requestsPerSecond", "1000");
            source.put("tributary.poll.interval.ms", "600000");
            source.put("topic.prefix", "mirror");
            source.put("topic.creation.default.replication.factor", "1");
            source.put("topic.creation.default.partitions", "3");
            source.put("tributary.record.timestamp", "cursor");
            source.put("topic.creation.default.retention.ms", "-1");
            connect.configureConnector("stripe-mirror", source);
            waitFor(Duration.ofSeconds(120), () -> sourceFinished("stripe-mirror", 1), "the Stripe source to finish");

            // The topic: exactly one record per customer, keyed by id, each value equal to what the server sent.
            Map<String, JsonNode> expected = new TreeMap<>();
            for (Map<String, Object> customer : stripe.customers()) {
                ObjectNode node = (ObjectNode) JSON.readTree(JSON.writeValueAsBytes(customer));
                node.put("created", Instant.ofEpochSecond(((Number) customer.get("created")).longValue()).toString());
                expected.put((String) customer.get("id"), node);
            }
            Map<String, JsonNode> topic = new TreeMap<>();
            JsonNode schema = null;
            for (ConsumerRecord<byte[], byte[]> record : all("mirror.customers")) {
                JsonNode key = JSON.readTree(record.key());
                assertThat(key.size()).as("the key is the primary key only").isEqualTo(1);
                assertThat(topic.put(key.get("id").asText(), TopicValues.decoded(record.value())))
                        .as("customer %s once", key).isNull();
                schema = JSON.readTree(record.value()).get("schema");
                assertThat(record.timestamp()).isEqualTo(
                        Instant.parse(topic.get(key.get("id").asText()).get("created").asText()).toEpochMilli());
            }
            assertThat(topic).hasSize(count);
            for (Map.Entry<String, JsonNode> customer : expected.entrySet()) {
                assertThat(topic.get(customer.getKey())).as(customer.getKey()).isEqualTo(customer.getValue());
            }

            // The value schema is the Stripe connector's customers schema.
            Map<String, JsonNode> fields = new TreeMap<>();
            schema.get("fields").forEach(field -> fields.put(field.get("field").asText(), field));
            Set<String> declared = new TreeSet<>(stripe.customers().get(0).keySet());
            declared.remove(FixtureStripe.UNDECLARED_FIELD);
            declared.add("_tributary_extra");
            assertThat(schema.get("name").asText()).isEqualTo("tributary.customers");
            assertThat(fields.keySet()).isEqualTo(declared);
            assertThat(fields.get("created").get("name").asText()).isEqualTo("org.apache.kafka.connect.data.Timestamp");
            assertThat(fields.get("balance").get("type").asText()).isEqualTo("int64");
            assertThat(fields.get("next_invoice_sequence").get("type").asText()).isEqualTo("int64");
            assertThat(fields.get("delinquent").get("type").asText()).isEqualTo("boolean");
            assertThat(fields.get("email").get("type").asText()).isEqualTo("string");
            assertThat(fields.get("address").get("type").asText()).isEqualTo("struct");
            assertThat(fields.get("address").get("fields").findValuesAsText("field"))
                    .containsExactly("city", "country", "line1", "line2", "postal_code", "state", "_tributary_extra");
            for (String json : new String[] {"discount", "invoice_settings", "metadata", "shipping",
                    "preferred_locales", "_tributary_extra"}) {
                assertThat(fields.get(json).get("name").asText()).as(json).isEqualTo("dev.tributary.Json");
            }
            assertThat(fields.values()).allMatch(field -> field.get("optional").asBoolean());
            connect.deleteConnector("stripe-mirror");
        }

        // The sink: typed columns holding the server's values, as a direct sync's table.
        Map<String, String> sink = sink("mirror", warehouse);
        sink.put("topics", "mirror.customers");
        connect.configureConnector("stripe-mirror-sink", sink);
        waitFor(Duration.ofSeconds(120), () -> sinkCaughtUp("stripe-mirror-sink"), "the sink to catch up");
        stop("stripe-mirror-sink");
        Map<String, String> columns = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + warehouse);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA table_info(mirror_customers)")) {
            while (result.next()) {
                columns.put(result.getString("name"), result.getString("type"));
            }
        }
        assertThat(columns).containsEntry("email", "TEXT").containsEntry("balance", "INTEGER")
                .containsEntry("delinquent", "INTEGER").containsEntry("address__city", "TEXT")
                .containsEntry("created", "TEXT").containsEntry("metadata", "TEXT")
                .containsEntry(FixtureStripe.UNDECLARED_FIELD + "__n", "INTEGER");
        assertThat(count(warehouse, "SELECT COUNT(*) FROM mirror_customers")).isEqualTo(count);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + warehouse);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id, email, name, balance, delinquent, "
                        + "address__city, address__country, created, currency, _record FROM mirror_customers")) {
            int rows = 0;
            while (result.next()) {
                int n = Integer.parseInt(result.getString("id").substring("cus_".length()));
                assertThat(result.getString("email")).isEqualTo("customer" + n + "@example.com");
                assertThat(result.getString("name")).isEqualTo("Customer " + n);
                assertThat(result.getLong("balance")).isEqualTo((n % 7 == 0 ? -1 : 1) * n * 100L);
                assertThat(result.getInt("delinquent")).isEqualTo(n % 3 == 0 ? 1 : 0);
                assertThat(result.getString("address__city")).isEqualTo("City " + n);
                assertThat(result.getString("address__country")).isEqualTo(n % 2 == 0 ? "FR" : "DE");
                assertThat(result.getString("created"))
                        .isEqualTo(Instant.ofEpochSecond(FixtureStripe.FIRST_CREATED + n).toString());
                assertThat(result.getString("currency")).isEqualTo("usd");
                assertThat(JSON.readTree(result.getString("_record")).at("/"
                        + FixtureStripe.UNDECLARED_FIELD + "/n").asInt()).isEqualTo(n);
                rows++;
            }
            assertThat(rows).isEqualTo(count);
        }
    }

    /** Every record of a topic, from the beginning to its current end. */
    private static java.util.List<ConsumerRecord<byte[], byte[]>> all(String topic) {
        java.util.List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
        try (var consumer = connect.kafka().createConsumer(Map.of("auto.offset.reset", "earliest"))) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic + " to its end in 60 s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    /** Whether every entity's committed source offset says its run finished. */
    private static boolean sourceFinished(String connector, int entities) {
        try {
            var offsets = connect.connectorOffsets(connector).offsets();
            return offsets.size() == entities
                    && offsets.stream().allMatch(o -> Boolean.TRUE.equals(o.offset().get("finished")));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether the sink's committed offsets reach the end of every topic it reads. */
    private static boolean sinkCaughtUp(String connector) {
        try {
            Map<String, Long> committed = new HashMap<>();
            for (var offset : connect.connectorOffsets(connector).offsets()) {
                committed.merge((String) offset.partition().get("kafka_topic"),
                        ((Number) offset.offset().get("kafka_offset")).longValue(), Long::sum);
            }
            return !committed.isEmpty() && committed.entrySet().stream()
                    .allMatch(entry -> entry.getValue() == topicSize(entry.getKey()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The sum of a topic's end offsets. */
    private static long topicSize(String topic) {
        try (var admin = connect.kafka().createAdminClient()) {
            var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic)
                    .partitions();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request =
                    new HashMap<>();
            partitions.forEach(p -> request.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().values().stream()
                    .mapToLong(org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo::offset)
                    .sum();
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * Deletes a sink connector and waits until its tasks have closed the database: the test reads SQLite only then,
     * because a second copy of the SQLite library in one process (the test's and the plugin's) must not have the
     * same file open at once (their POSIX locks would not see each other).
     */
    private static void stop(String connector) throws Exception {
        connect.deleteConnector(connector);
        waitFor(Duration.ofSeconds(60), () -> !connect.connectors().contains(connector), connector + " deleted");
        Thread.sleep(2000);
    }

    private static Map<String, String> source(String prefix, int records, int tasks, String rate) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SOURCE_CLASS);
        config.put("tasks.max", Integer.toString(tasks));
        config.put("tributary.connector", "sample");
        config.put("tributary.config.records", Integer.toString(records));
        config.put("topic.prefix", prefix);
        config.put("tributary.settings.batchSize", "50");
        config.put("tributary.settings.requestsPerSecond", rate);
        config.put("tributary.poll.interval.ms", "600000");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "3");
        // Record timestamps are the source's cursor times (2024 for the sample): keep them past the default 7 days.
        config.put("tributary.record.timestamp", "cursor");
        config.put("topic.creation.default.retention.ms", "-1");
        return config;
    }

    private static Map<String, String> sink(String prefix, Path warehouse) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SINK_CLASS);
        // One sink task: both workers share this JVM, and each worker's plugin class loader loads its own copy of
        // the SQLite library, whose POSIX locks do not see the other copy's, so two tasks in two workers of one JVM
        // would corrupt one SQLite file. Real workers are separate JVMs (and PostgreSQL is a server).
        config.put("tasks.max", "1");
        config.put("topics", prefix + ".customers," + prefix + ".orders");
        config.put("topic.prefix", prefix);
        config.put("tributary.destination.url", "jdbc:sqlite:" + warehouse);
        return config;
    }

    private static Map<String, String> errors(ConfigInfos infos) {
        Map<String, String> errors = new TreeMap<>();
        for (ConfigInfo info : infos.configs()) {
            if (info.configValue() != null && !info.configValue().errors().isEmpty()) {
                errors.put(info.configValue().name(), String.join("; ", info.configValue().errors()));
            }
        }
        return errors;
    }

    private static Set<String> ids(String prefix, int count) {
        Set<String> ids = new TreeSet<>();
        for (int i = 1; i <= count; i++) {
            ids.add(String.format("%s%06d", prefix, i));
        }
        return ids;
    }

    private static String get(String resource) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(connect.endpointForResource(resource)))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last value of every key in the topic (the topic may hold a key twice after a restart). */
    private static Map<String, JsonNode> latestPerKey(String topic, int keys) throws Exception {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        try (var consumer = connect.kafka().createConsumer(Map.of("auto.offset.reset", "earliest"))) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic + " to its end in 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    latest.put(JSON.readTree(record.key()).get("id").asText(), TopicValues.decoded(record.value()));
                }
            }
        }
        assertThat(latest).hasSize(keys);
        return new TreeMap<>(latest);
    }

    private static Map<String, JsonNode> rows(Path warehouse, String table) throws Exception {
        Map<String, JsonNode> rows = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + warehouse);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id, _record FROM " + table
                        + " WHERE _deleted_at IS NULL")) {
            while (result.next()) {
                rows.put(result.getString(1), JSON.readTree(result.getString(2)));
            }
        }
        return rows;
    }

    private static Set<String> liveIds(Path warehouse, String table) {
        Set<String> ids = new TreeSet<>();
        if (!Files.exists(warehouse)) {
            return ids;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + warehouse);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id FROM " + table
                        + " WHERE _deleted_at IS NULL")) {
            while (result.next()) {
                ids.add(result.getString(1));
            }
        } catch (SQLException e) {
            // the table does not exist yet
        }
        return ids;
    }

    private static long count(Path warehouse, String query) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + warehouse);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            return result.next() ? result.getLong(1) : 0;
        } catch (SQLException e) {
            return -1;
        }
    }

    private static void waitFor(Duration limit, BooleanSupplier condition, String what) throws Exception {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                StringBuilder status = new StringBuilder();
                for (String name : connect.connectors()) {
                    status.append("\n").append(connect.connectorStatus(name));
                }
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what + status);
            }
            Thread.sleep(250);
        }
    }
}

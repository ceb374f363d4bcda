package dev.tributary.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records and Kafka's time-based retention: topics with the default {@code retention.ms} (7 days), a broker checking
 * retention every 500 ms. The Stripe customers ({@link FixtureStripe}) were created in 2024; stamped with those
 * times, a topic deletes them minutes after they were written, and a sink that had not read them yet skipped them
 * (its consumer resets to the first offset left) while its offsets said every record was written:
 * {@code bench/connect-vs-direct.sh} lost 124 to 4,080 of 20,000 rows that way. By default records carry their sync
 * time ({@link RecordTimestamp}), so the topic keeps them and the sink writes every one.
 */
class KafkaConnectRetentionIT {

    private static final int CUSTOMERS = 1_500;

    @TempDir
    static Path folder;
    private static EmbeddedConnectCluster connect;
    private static FixtureStripe stripe;

    @BeforeAll
    static void start() throws Exception {
        Path pluginPath = Path.of(System.getProperty("tributary.connectPluginPath", "target/connect"));
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.path", pluginPath.toAbsolutePath().toString());
        worker.put("plugin.discovery", "service_load");
        worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("key.converter.schemas.enable", "false");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter.schemas.enable", "true");
        worker.put("value.converter.decimal.format", "NUMERIC");
        worker.put("offset.flush.interval.ms", "500");
        Properties broker = new Properties();
        broker.put("log.retention.check.interval.ms", "500");
        broker.put("log.initial.task.delay.ms", "0");
        connect = new EmbeddedConnectCluster.Builder().name("tributary-retention-it").numWorkers(1)
                .workerProps(worker).brokerProps(broker).build();
        connect.start();
        stripe = new FixtureStripe(CUSTOMERS);
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.stop();
        }
        if (stripe != null) {
            stripe.close();
        }
    }

    @Test
    void recordsOfOldCustomersStayInADefaultRetentionTopicAndTheSinkWritesEveryOne() throws Exception {
        connect.kafka().createTopic("kept.customers", 3);
        Instant before = Instant.now();
        connect.configureConnector("kept-source", source("kept", Map.of()));
        waitFor(() -> sourceFinished("kept-source"), "the source to finish");
        Instant after = Instant.now();
        // Several retention checks pass before the sink starts: a record the broker would delete is gone by then.
        Thread.sleep(3_000);

        Path warehouse = folder.resolve("kept.db");
        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", "dev.tributary.connect.TributarySinkConnector");
        sink.put("tasks.max", "1");
        sink.put("topics", "kept.customers");
        sink.put("topic.prefix", "kept");
        sink.put("tributary.table.prefix", "stripe");
        sink.put("tributary.destination.url", "jdbc:sqlite:" + warehouse);
        connect.configureConnector("kept-sink", sink);
        long records = TopicOffsets.latest(connect, "kept.customers").values().stream().mapToLong(Long::longValue)
                .sum();
        waitFor(() -> sinkCommitted("kept-sink") >= records, "the sink to commit every record");
        connect.deleteConnector("kept-sink");
        waitFor(() -> !connect.connectors().contains("kept-sink"), "the sink to be deleted");
        Thread.sleep(2_000);

        // Read from a new connection, opened after the sink closed the file.
        Map<String, List<Object>> rows = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + warehouse);
                Statement statement = connection.createStatement()) {
            if (statement.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'stripe_customers'")
                    .getLong(1) == 1) {
                try (ResultSet result = statement.executeQuery("SELECT id, email, name, balance, address__city,"
                        + " created FROM stripe_customers WHERE _deleted_at IS NULL")) {
                    while (result.next()) {
                        rows.put(result.getString(1), List.of(result.getString(2), result.getString(3),
                                result.getLong(4), result.getString(5), result.getString(6)));
                    }
                }
            }
        }
        Map<String, List<Object>> expected = new TreeMap<>();
        for (Map<String, Object> customer : stripe.customers()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> address = (Map<String, Object>) customer.get("address");
            expected.put((String) customer.get("id"), List.of(customer.get("email"), customer.get("name"),
                    ((Number) customer.get("balance")).longValue(), address.get("city"),
                    Instant.ofEpochSecond(((Number) customer.get("created")).longValue()).toString()));
        }
        assertThat(rows).hasSize(CUSTOMERS).isEqualTo(expected);
        // The topic still holds every record, each stamped with the time it was synced.
        assertThat(TopicOffsets.earliest(connect, "kept.customers").values()).containsOnly(0L);
        for (ConsumerRecord<byte[], byte[]> record : all("kept.customers")) {
            assertThat(Instant.ofEpochMilli(record.timestamp())).isBetween(before, after);
        }
    }

    /** The hazard the default avoids, shown on the broker: cursor-stamped records of 2024 are deleted. */
    @Test
    void cursorTimestampsOfOldRecordsAreDeletedByADefaultRetentionTopic() throws Exception {
        connect.kafka().createTopic("cursor.customers", 1);
        connect.configureConnector("cursor-source",
                source("cursor", Map.of("tributary.record.timestamp", "cursor")));
        waitFor(() -> sourceFinished("cursor-source"), "the source to finish");
        waitFor(() -> TopicOffsets.earliest(connect, "cursor.customers").get(0) == CUSTOMERS,
                "the broker to delete the records stamped 2024");
        assertThat(TopicOffsets.latest(connect, "cursor.customers").get(0)).isEqualTo(CUSTOMERS);
        connect.deleteConnector("cursor-source");
    }

    private static Map<String, String> source(String prefix, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "dev.tributary.connect.TributarySourceConnector");
        config.put("tasks.max", "1");
        config.put("tributary.connector", "stripe");
        config.put("tributary.config.api_key", "sk_test_retention");
        config.put("tributary.config.api_base_url", stripe.baseUrl());
        config.put("tributary.entities", "customers");
        config.put("tributary.settings.requestsPerSecond", "1000");
        config.put("tributary.poll.interval.ms", "600000");
        config.put("topic.prefix", prefix);
        config.putAll(extra);
        return config;
    }

    private static boolean sourceFinished(String connector) {
        try {
            var offsets = connect.connectorOffsets(connector).offsets();
            return offsets.size() == 1 && Boolean.TRUE.equals(offsets.get(0).offset().get("finished"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long sinkCommitted(String connector) {
        try {
            return connect.connectorOffsets(connector).offsets().stream()
                    .mapToLong(offset -> ((Number) offset.offset().get("kafka_offset")).longValue()).sum();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> all(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
        try (var consumer = connect.kafka().createConsumer(Map.of("auto.offset.reset", "earliest"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(Instant.now()).as("reading " + topic + " to its end").isBefore(deadline);
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(CUSTOMERS);
        return records;
    }

    private static void waitFor(BooleanSupplier condition, String what) throws Exception {
        Instant end = Instant.now().plusSeconds(120);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out after 120 s waiting for " + what);
            }
            Thread.sleep(250);
        }
    }
}

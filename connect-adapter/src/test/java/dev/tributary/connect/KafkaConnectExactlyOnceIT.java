package dev.tributary.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers killed, not stopped: one worker runs in this JVM (Kafka's {@link EmbeddedConnectCluster}, which also runs
 * the KRaft broker), the other is a separate JVM ({@code ConnectDistributed}, started for each test) in the same
 * group, ended with {@link Process#destroyForcibly()} (SIGKILL) mid-sync. Its tasks move to the surviving worker:
 * with exactly-once source delivery (KIP-618) each key is in the topics exactly once for a {@code read_committed}
 * consumer, and a sink into SQLite ends with exact tables and the topics' end offsets stored with the rows.
 */
class KafkaConnectExactlyOnceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "tributary-eos";

    @TempDir
    static Path folder;
    private static EmbeddedConnectCluster connect;
    private static Process external;

    @BeforeAll
    static void startCluster() {
        java.util.Properties broker = new java.util.Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        connect = new EmbeddedConnectCluster.Builder().name("tributary-eos-it").numWorkers(1)
                .workerProps(workerProps()).brokerProps(broker).build();
        connect.start();
    }

    /** Starts the second worker, a separate JVM, for each test: each test kills it. */
    @BeforeEach
    void startExternalWorker() throws Exception {
        Map<String, String> props = new HashMap<>(workerProps());
        props.put("bootstrap.servers", connect.kafka().bootstrapServers());
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        Path file = folder.resolve("external-worker-" + port + ".properties");
        StringBuilder text = new StringBuilder();
        props.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        Files.writeString(file, text);
        external = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx512m",
                "org.apache.kafka.connect.cli.ConnectDistributed", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        new File("target/kafka-connect-eos-external-worker.out")))
                .start();
        Process worker2 = external;
        Runtime.getRuntime().addShutdownHook(new Thread(worker2::destroyForcibly));
        String workers = "http://127.0.0.1:" + port + "/connectors";
        waitFor(Duration.ofSeconds(120), () -> answers(workers), "the external worker's REST API");
    }

    @AfterEach
    void killExternalWorker() throws Exception {
        if (external != null && external.isAlive()) {
            external.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (String name : connect.connectors()) {
            connect.deleteConnector(name);
        }
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void aKilledWorkersTaskMovesToTheSurvivorAndEveryRecordIsCommittedExactlyOnce() throws Exception {
        int records = 4000;
        Map<String, String> source = exactlyOnceSource("eos", records, "20");
        connect.configureConnector("eos-source", source);

        // Worker ids are host:port of the REST listener: localhost for the in-process worker, 127.0.0.1 for the other.
        String victim = "127.0.0.1:";
        waitFor(Duration.ofSeconds(120), () -> tasksOn("eos-source").size() == 2
                && tasksOn("eos-source").stream().anyMatch(id -> !id.contains(victim)), "tasks on both workers");
        waitFor(Duration.ofSeconds(120), () -> committedCount("eos.customers") > 300, "the sync to be under way");
        assertThat(tasksOn("eos-source")).as("one task runs on the external worker")
                .anyMatch(id -> id.contains(victim));
        external.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Instant killed = Instant.now();

        waitFor(Duration.ofSeconds(240), () -> finished("eos-source", 2), "the source to finish on the survivor");
        System.out.printf("exactly-once: worker killed with SIGKILL, source finished %d s later%n",
                Duration.between(killed, Instant.now()).toSeconds());
        assertThat(tasksOn("eos-source")).allMatch(id -> !id.contains(victim));
        for (String entity : new String[] {"customers", "orders"}) {
            List<String> keys = committedKeys("eos." + entity);
            assertThat(keys).as("every record of %s once, none doubled", entity).hasSize(records)
                    .doesNotHaveDuplicates();
            assertThat(new TreeSet<>(keys)).isEqualTo(ids(entity, records));
        }
    }

    /**
     * Source (exactly-once) → topics → sink into SQLite, with a sink task and a source task on the external worker
     * when it is SIGKILLed: the survivor takes both over, the sink task seeks to the offsets stored with the rows, and
     * the tables end exact (every key once, each row equal to its topic record, nothing lost) with the offsets in
     * the database at the topics' ends. The sink reads {@code read_committed}, so records of transactions the
     * killed source task left open never reach it. The two sink tasks are in two JVMs (one SQLite library each), as
     * in a real deployment.
     */
    @Test
    void aKilledWorkersSinkTaskMovesToTheSurvivorAndTheTablesEndExact() throws Exception {
        int records = 4000;
        Map<String, String> source = exactlyOnceSource("kill", records, "10");
        connect.configureConnector("kill-source", source);
        Path warehouse = folder.resolve("kill.db");
        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", "dev.tributary.connect.TributarySinkConnector");
        sink.put("tasks.max", "2");
        sink.put("topics", "kill.customers,kill.orders");
        sink.put("topic.prefix", "kill");
        sink.put("tributary.destination.url", "jdbc:sqlite:" + warehouse);
        sink.put("consumer.override.isolation.level", "read_committed");
        connect.configureConnector("kill-sink", sink);

        String victim = "127.0.0.1:";
        waitFor(Duration.ofSeconds(120), () -> tasksOn("kill-sink").size() == 2
                && tasksOn("kill-sink").stream().anyMatch(id -> id.contains(victim))
                && tasksOn("kill-sink").stream().anyMatch(id -> !id.contains(victim)), "sink tasks on both workers");
        waitFor(Duration.ofSeconds(120), () -> sinkCommitted("kill-sink").values().stream()
                .mapToLong(Long::longValue).sum() > 1000, "the sink to be under way");
        assertThat(finished("kill-source", 2)).as("killed mid-sync").isFalse();
        Set<String> deleted = changeAndDelete("kill.customers", 200);
        external.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Instant killed = Instant.now();

        waitFor(Duration.ofSeconds(240), () -> finished("kill-source", 2), "the source to finish on the survivor");
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (String entity : new String[] {"customers", "orders"}) {
            List<String> keys = committedKeys("kill." + entity);
            assertThat(keys).as("the topic holds every source record of %s once", entity).hasSize(records)
                    .doesNotHaveDuplicates();
            assertThat(new TreeSet<>(keys)).isEqualTo(ids(entity, records));
            ends.putAll(lastRecordEnds("kill." + entity));
        }
        waitFor(Duration.ofSeconds(180), () -> caughtUp(sinkCommitted("kill-sink"), ends), "the sink to catch up");
        System.out.printf("sink kill -9: worker killed with SIGKILL, sink caught up %d s later%n",
                Duration.between(killed, Instant.now()).toSeconds());
        assertThat(tasksOn("kill-sink")).hasSize(2).allMatch(id -> !id.contains(victim));
        connect.deleteConnector("kill-sink");
        waitFor(Duration.ofSeconds(60), () -> !connect.connectors().contains("kill-sink"), "the sink deleted");
        // The in-process worker's task must have closed the file before this JVM's SQLite library opens it.
        Thread.sleep(2000);

        for (String entity : new String[] {"customers", "orders"}) {
            String table = "kill_" + entity;
            Set<String> gone = entity.equals("customers") ? deleted : Set.of();
            Map<String, JsonNode> topic = latestLive("kill." + entity);
            Set<String> live = new TreeSet<>(ids(entity, records));
            live.removeAll(gone);
            assertThat(topic.keySet()).isEqualTo(live);
            assertThat(count(warehouse, "SELECT COUNT(*) FROM " + table)).as("rows of %s", table).isEqualTo(records);
            assertThat(rows(warehouse, table)).as("each live row equals its key's last topic record")
                    .isEqualTo(topic);
            assertThat(deletedIds(warehouse, table)).as("tombstoned keys marked deleted").isEqualTo(gone);
            Map<TopicPartition, Long> stored = storedOffsets(warehouse, "kill", entity);
            Map<TopicPartition, Long> expected = new HashMap<>();
            ends.forEach((partition, end) -> {
                if (partition.topic().equals("kill." + entity)) {
                    expected.put(partition, end);
                }
            });
            assertThat(stored).as("offsets stored with the rows of %s", table).isEqualTo(expected);
        }
    }

    private static Map<String, String> workerProps() {
        Path pluginPath = Path.of(System.getProperty("tributary.connectPluginPath", "target/connect"));
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.path", pluginPath.toAbsolutePath().toString());
        worker.put("plugin.discovery", "service_load");
        worker.put("group.id", GROUP);
        worker.put("config.storage.topic", GROUP + "-configs");
        worker.put("offset.storage.topic", GROUP + "-offsets");
        worker.put("status.storage.topic", GROUP + "-status");
        worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("key.converter.schemas.enable", "false");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter.schemas.enable", "true");
        worker.put("exactly.once.source.support", "enabled");
        worker.put("offset.flush.interval.ms", "500");
        // A dead worker's tasks are reassigned after this delay (default 5 minutes).
        worker.put("scheduled.rebalance.max.delay.ms", "3000");
        return worker;
    }

    private static boolean answers(String url) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> tasksOn(String connector) {
        try {
            return connect.connectorStatus(connector).tasks().stream()
                    .filter(task -> task.state().equals("RUNNING")).map(task -> task.workerId()).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static boolean finished(String connector, int entities) {
        try {
            var offsets = connect.connectorOffsets(connector).offsets();
            return offsets.size() == entities
                    && offsets.stream().allMatch(o -> Boolean.TRUE.equals(o.offset().get("finished")));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long committedCount(String topic) {
        try {
            return committedKeys(topic).size();
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * The key ids of every committed record the source produced (those with its {@code tributary.data_source}
     * header), read with {@code isolation.level=read_committed}.
     */
    private static List<String> committedKeys(String topic) throws Exception {
        List<String> keys = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : committed(topic)) {
            if (record.headers().lastHeader("tributary.data_source") != null) {
                keys.add(id(record));
            }
        }
        return keys;
    }

    /** The last committed value of every key not deleted by its last record, decoded as the sink writes it. */
    private static Map<String, JsonNode> latestLive(String topic) throws Exception {
        Map<String, JsonNode> latest = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : committed(topic)) {
            if (record.value() == null) {
                latest.remove(id(record));
            } else {
                latest.put(id(record), TopicValues.decoded(record.value()));
            }
        }
        return latest;
    }

    /**
     * Produces, as another application would while the sync runs, a change (a new {@code name}) of every odd one
     * and a tombstone of every even one of the first {@code count} committed records, each into its record's
     * partition, so after it.
     *
     * @return the ids deleted
     */
    private static Set<String> changeAndDelete(String topic, int count) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> early = committed(topic).subList(0, count);
        Set<String> deleted = new TreeSet<>();
        try (var producer = connect.kafka().createProducer(Map.of())) {
            for (int i = 0; i < early.size(); i++) {
                ConsumerRecord<byte[], byte[]> record = early.get(i);
                byte[] value = null;
                if (i % 2 == 0) {
                    deleted.add(id(record));
                } else {
                    ObjectNode envelope = (ObjectNode) JSON.readTree(record.value());
                    ((ObjectNode) envelope.get("payload")).put("name", "changed " + id(record));
                    value = JSON.writeValueAsBytes(envelope);
                }
                producer.send(new ProducerRecord<>(topic, record.partition(), record.key(), value)).get();
            }
        }
        return deleted;
    }

    private static String id(ConsumerRecord<byte[], byte[]> record) throws Exception {
        return JSON.readTree(record.key()).get("id").asText();
    }

    private static Set<String> deletedIds(Path warehouse, String table) throws Exception {
        Set<String> ids = new TreeSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + warehouse);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id FROM " + table
                        + " WHERE _deleted_at IS NOT NULL")) {
            while (result.next()) {
                ids.add(result.getString(1));
            }
        }
        return ids;
    }

    /** Per partition, the offset after its last committed record (transaction markers follow it). */
    private static Map<TopicPartition, Long> lastRecordEnds(String topic) throws Exception {
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : committed(topic)) {
            ends.merge(new TopicPartition(topic, record.partition()), record.offset() + 1, Math::max);
        }
        return ends;
    }

    /** Every committed record of the topic, read with {@code isolation.level=read_committed}. */
    private static List<ConsumerRecord<byte[], byte[]>> committed(String topic) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = connect.kafka().createConsumer(Map.of("auto.offset.reset", "earliest",
                "isolation.level", "read_committed"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
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

    /** The sink connector's committed consumer offsets, per partition. */
    private static Map<TopicPartition, Long> sinkCommitted(String connector) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        try {
            for (var offset : connect.connectorOffsets(connector).offsets()) {
                committed.put(new TopicPartition((String) offset.partition().get("kafka_topic"),
                        ((Number) offset.partition().get("kafka_partition")).intValue()),
                        ((Number) offset.offset().get("kafka_offset")).longValue());
            }
        } catch (RuntimeException e) {
            // the connector is being rebalanced
        }
        return committed;
    }

    private static boolean caughtUp(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> committed.getOrDefault(end.getKey(), -1L) >= end.getValue());
    }

    /** The Kafka offsets the sink stored in the destination with the rows of one table. */
    private static Map<TopicPartition, Long> storedOffsets(Path warehouse, String prefix, String entity)
            throws Exception {
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + warehouse);
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT position FROM _tributary_state WHERE prefix = ? AND entity = ?")) {
            statement.setString(1, prefix);
            statement.setString(2, entity);
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).as("a stored state for %s", entity).isTrue();
                JsonNode kafka = JSON.readTree(result.getString(1)).get("kafka");
                kafka.get("partitions").fields().forEachRemaining(partition -> stored.put(new TopicPartition(
                        kafka.get("topic").asText(), Integer.parseInt(partition.getKey())),
                        partition.getValue().asLong()));
            }
        }
        return stored;
    }

    /** The live rows of a table: id to its raw record. */
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

    private static long count(Path warehouse, String query) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + warehouse);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            assertThat(result.next()).isTrue();
            return result.getLong(1);
        }
    }

    /** The ids the sample connector gives the records of an entity: cus_000001 or ord_000001 on. */
    private static Set<String> ids(String entity, int count) {
        Set<String> ids = new TreeSet<>();
        for (int i = 1; i <= count; i++) {
            ids.add(String.format("%s_%06d", entity.equals("customers") ? "cus" : "ord", i));
        }
        return ids;
    }

    /** The sample connector into topics {@code <prefix>.customers} and {@code .orders}, exactly once. */
    private static Map<String, String> exactlyOnceSource(String prefix, int records, String requestsPerSecond) {
        Map<String, String> source = new HashMap<>();
        source.put("connector.class", "dev.tributary.connect.TributarySourceConnector");
        source.put("tasks.max", "2");
        source.put("tributary.connector", "sample");
        source.put("tributary.config.records", Integer.toString(records));
        source.put("topic.prefix", prefix);
        source.put("tributary.settings.batchSize", "50");
        source.put("tributary.settings.requestsPerSecond", requestsPerSecond);
        source.put("tributary.poll.interval.ms", "600000");
        source.put("exactly.once.support", "required");
        source.put("transaction.boundary", "connector");
        source.put("topic.creation.default.replication.factor", "1");
        source.put("topic.creation.default.partitions", "2");
        source.put("topic.creation.default.retention.ms", "-1");
        return source;
    }

    private static void waitFor(Duration limit, BooleanSupplier condition, String what) throws Exception {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(250);
        }
    }
}

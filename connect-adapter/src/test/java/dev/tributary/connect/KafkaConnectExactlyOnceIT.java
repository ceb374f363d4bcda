package dev.tributary.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once source delivery (KIP-618) with a worker killed, not stopped: one worker runs in this JVM (Kafka's
 * {@link EmbeddedConnectCluster}, which also runs the KRaft broker), the other is a separate JVM
 * ({@code ConnectDistributed}) in the same group, ended with {@link Process#destroyForcibly()} (SIGKILL) mid-sync.
 * Its task moves to the surviving worker and each key is in the topics exactly once for a {@code read_committed}
 * consumer.
 */
class KafkaConnectExactlyOnceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "tributary-eos";

    @TempDir
    static Path folder;
    private static EmbeddedConnectCluster connect;
    private static Process external;

    @BeforeAll
    static void startCluster() throws Exception {
        Map<String, String> worker = workerProps();
        java.util.Properties broker = new java.util.Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        connect = new EmbeddedConnectCluster.Builder().name("tributary-eos-it").numWorkers(1).workerProps(worker)
                .brokerProps(broker).build();
        connect.start();
        Map<String, String> props = new HashMap<>(worker);
        props.put("bootstrap.servers", connect.kafka().bootstrapServers());
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        Path file = folder.resolve("external-worker.properties");
        StringBuilder text = new StringBuilder();
        props.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        Files.writeString(file, text);
        external = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx512m",
                "org.apache.kafka.connect.cli.ConnectDistributed", file.toString())
                .redirectErrorStream(true).redirectOutput(new File("target/kafka-connect-eos-external-worker.out"))
                .start();
        Process worker2 = external;
        Runtime.getRuntime().addShutdownHook(new Thread(worker2::destroyForcibly));
        String workers = "http://127.0.0.1:" + port + "/connectors";
        waitFor(Duration.ofSeconds(120), () -> answers(workers), "the external worker's REST API");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (external != null && external.isAlive()) {
            external.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void aKilledWorkersTaskMovesToTheSurvivorAndEveryRecordIsCommittedExactlyOnce() throws Exception {
        int records = 4000;
        Map<String, String> source = new HashMap<>();
        source.put("connector.class", "dev.tributary.connect.TributarySourceConnector");
        source.put("tasks.max", "2");
        source.put("tributary.connector", "sample");
        source.put("tributary.config.records", Integer.toString(records));
        source.put("topic.prefix", "eos");
        source.put("tributary.settings.batchSize", "50");
        source.put("tributary.settings.requestsPerSecond", "20");
        source.put("tributary.poll.interval.ms", "600000");
        source.put("exactly.once.support", "required");
        source.put("transaction.boundary", "connector");
        source.put("topic.creation.default.replication.factor", "1");
        source.put("topic.creation.default.partitions", "2");
        source.put("topic.creation.default.retention.ms", "-1");
        connect.configureConnector("eos-source", source);

        // Worker ids are host:port of the REST listener: localhost for the in-process worker, 127.0.0.1 for the other.
        String victim = "127.0.0.1:";
        waitFor(Duration.ofSeconds(120), () -> tasksOn("eos-source").size() == 2
                && tasksOn("eos-source").stream().anyMatch(id -> !id.contains(victim)), "tasks on both workers");
        waitFor(Duration.ofSeconds(120), () -> committedCount("eos.customers") > 300, "the sync to be under way");
        assertThat(tasksOn("eos-source")).as("one task runs on the external worker").anyMatch(id -> id.contains(victim));
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

    /** The key ids of every committed record of the topic, read with {@code isolation.level=read_committed}. */
    private static List<String> committedKeys(String topic) throws Exception {
        List<String> keys = new java.util.ArrayList<>();
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
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    keys.add(JSON.readTree(record.key()).get("id").asText());
                }
            }
        }
        return keys;
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
